# Every tool prints completion scripts for bash, zsh and fish generated from
# its own options (--completion=SHELL, what the build installs). bash: each
# registers with `complete`, and completing a few command lines gives the
# options, values, su-archive's commands, runs and test ids; zsh and fish:
# the scripts parse, and fish completes the same command lines.
tools_dir=${PATH%%:*}
tools=()
for t in "$tools_dir"/su-*; do [ -f "$t" ] && [ -x "$t" ] && tools+=("$(basename "$t")"); done
[ "${#tools[@]}" -ge 13 ] || fail "found only ${#tools[@]} tools in $tools_dir"
for t in "${tools[@]}"; do
  "$t" --completion=bash > "$t.bash" || fail "$t --completion=bash failed"
  "$t" --completion=zsh > "_$t" || fail "$t --completion=zsh failed"
  "$t" --completion=fish > "$t.fish" || fail "$t --completion=fish failed"
  bash -n "$t.bash" || fail "$t: bash script does not parse"
  if command -v zsh >/dev/null; then zsh -n "_$t" || fail "$t: zsh script does not parse"; fi
  if command -v fish >/dev/null; then fish -n "$t.fish" || fail "$t: fish script does not parse"; fi
  # shellcheck disable=SC1090
  source "$t.bash"
  complete -p "$t" | grep -q -- "-F _${t//-/_} $t\$" || fail "$t: not registered: $(complete -p "$t")"
done
run su-trace --completion=tcsh
expect_status 2
expect_stderr_contains "'tcsh' is not one of bash, zsh, fish"

# complete WORD...: completes the last word as bash would, with the cursor
# at its end; the candidates, sorted, one per line, in $TMP/out
complete_line() {
  local fn
  fn=$(complete -p "$1" | sed 's/.* -F \([^ ]*\) .*/\1/')
  # bash splits --opt=VALUE into --opt, =, VALUE (COMP_WORDBREAKS)
  COMP_WORDS=()
  local w
  for w in "$@"; do
    if [[ $w == --*=* ]]; then COMP_WORDS+=("${w%%=*}" "=" "${w#*=}"); else COMP_WORDS+=("$w"); fi
  done
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  "$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  printf '%s\n' "${COMPREPLY[@]}" | sort > "$TMP/out"
}

complete_line su-archive hi
expect_stdout "history"
complete_line su-archive ''
expect_stdout_contains "import"
grep -qx last "$TMP/out" && fail "offered runs before a command"
grep -q __complete "$TMP/out" && fail "offered the hidden __complete-ids"
complete_line su-archive history --format=
expect_stdout "ids
json
text"
complete_line su-archive failing --format j
expect_stdout "json"
complete_line su-archive show last
expect_stdout "last
last-green"
complete_line su-archive list --for
expect_stdout "--format"
complete_line su-diff --color=al
expect_stdout "always"
complete_line su-trace --col
expect_stdout "--color"
complete_line su-ls --no-pa
expect_stdout "--no-passthrough"

# test ids: from the archive (su-archive history), or from the stream on
# the line (any option or argument named test)
su-archive init 2>/dev/null
su-archive add "$CORPUS/real-stestr-run-6/input.v1" > /dev/null
complete_line su-archive history sampleproj.tests.test_order_b.TestCacheCold.
expect_stdout "sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache"
su-ls "$CORPUS/real-stestr-run-6/input.v1" | grep '^sampleproj.tests.test_order_b' | sort > expected
complete_line su-archive history sampleproj.tests.test_order_b
cmp -s expected "$TMP/out" || fail "history ids differ from su-ls: $(cat "$TMP/out")"
# an option whose value is a test id (su-filter --before TEST_ID), from the stream on the line
complete_line su-filter "$CORPUS/real-stestr-run-6/input.v1" --before sampleproj.tests.test_order_b.TestCacheCold.
expect_stdout "sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache"
mv .su elsewhere
complete_line su-archive --archive elsewhere history sampleproj.tests.test_order_b.TestCacheCold.
expect_stdout "sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache"

# a directory for --archive, files for inputs
mkdir -p somedir && touch somefile.subunit
complete_line su-archive --archive some
expect_stdout "somedir"
complete_line su-stats somef
expect_stdout "somefile.subunit"

if command -v fish >/dev/null; then
  fish_complete() { fish -c "source $1.fish; complete -C '$2'" | cut -f1 | sort > "$TMP/out"; }
  fish_complete su-archive 'su-archive hi'
  expect_stdout "history"
  fish_complete su-archive 'su-archive history --format='
  expect_stdout_contains "--format=json"
  fish_complete su-archive 'su-archive --archive elsewhere history sampleproj.tests.test_order_b.TestCacheCold.'
  expect_stdout_contains "sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache"
fi
if command -v zsh >/dev/null; then
  # compinit finds the scripts on fpath under their installed names
  mkdir zfunc && cp _su-* zfunc/
  got=$(zsh -fc 'fpath=(zfunc $fpath); autoload -U compinit; compinit -u -d zcompdump; print -r -- $_comps[su-archive] $_comps[su-ls]')
  [ "$got" = "_su-archive _su-ls" ] || fail "zsh compinit does not register the scripts: '$got'"
fi

true
