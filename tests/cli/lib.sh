# Helpers for CLI tests. Each tests/cli/<tool>/<case>.sh runs in its own
# bash process with these functions, PATH starting with the built tools,
# $CORPUS (../shared/corpus) and a fresh $TMP. A case passes when it exits 0.
set -u

# run CMD ARGS...: runs a command, keeping its stdout in $TMP/out, stderr in
# $TMP/err and exit status in $status. Redirect stdin as usual.
run() {
  "$@" >"$TMP/out" 2>"$TMP/err"
  status=$?
}

fail() {
  echo "  $*" >&2
  echo "  --- stdout:" >&2; head -c 2000 "$TMP/out" >&2
  echo "  --- stderr:" >&2; head -c 2000 "$TMP/err" >&2
  exit 1
}

expect_status() {
  [ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

# expect_stdout TEXT: stdout is exactly TEXT (a trailing newline is added).
expect_stdout() {
  printf '%s\n' "$1" | cmp -s - "$TMP/out" || fail "stdout differs from: $1"
}

expect_stdout_file() {
  cmp -s "$1" "$TMP/out" || fail "stdout differs from $1"
}

expect_stdout_empty() {
  [ ! -s "$TMP/out" ] || fail "stdout not empty"
}

expect_stdout_contains() {
  grep -qF -- "$1" "$TMP/out" || fail "stdout lacks: $1"
}

expect_stderr_contains() {
  grep -qF -- "$1" "$TMP/err" || fail "stderr lacks: $1"
}

expect_stderr_empty() {
  [ ! -s "$TMP/err" ] || fail "stderr not empty"
}

# archive_corpus_runs N...: a new archive in ./.su holding the corpus's
# real-stestr runs N..., in that order, each with the metadata run=N.
archive_corpus_runs() {
  su-archive init 2>/dev/null || fail "su-archive init"
  local n
  for n in "$@"; do
    su-archive add --meta run=$n "$CORPUS/real-stestr-run-$n/input.v1" >/dev/null ||
      fail "su-archive add of real-stestr-run-$n"
  done
}
