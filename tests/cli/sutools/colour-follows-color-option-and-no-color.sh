# Every tool that colours (su-trace, su-diff) takes --color[=auto|always|never]
# and, on a terminal with --color=auto, honours NO_COLOR (https://no-color.org)
# and TERM=dumb; a pipe is never coloured unless --color=always.
here=$(dirname "${BASH_SOURCE[0]}")
tty() { python3 "$here/on-a-terminal.py" "$@"; }
python3 "$here/../su-trace/make-v2.py" 'P("a.ok", "success", ts=1)' 'P("a.bad", "fail", ts=2)' > new.v2
su-filter --no-failure new.v2 > old.v2
for cmd in "su-trace new.v2" "su-diff old.v2 new.v2"; do
  set -- $cmd
  tool=$1; shift
  (unset NO_COLOR; TERM=xterm tty "$tool" "$@" > seen)
  grep -q $'\e\[' seen || fail "$tool: no colour on a terminal"
  (unset NO_COLOR; TERM=xterm tty "$tool" --color "$@" > seen)
  grep -q $'\e\[' seen || fail "$tool: bare --color is not auto"
  NO_COLOR=1 TERM=xterm tty "$tool" "$@" > seen
  grep -q $'\e\[' seen && fail "$tool: coloured with NO_COLOR set"
  NO_COLOR= TERM=xterm tty "$tool" "$@" > seen
  grep -q $'\e\[' seen || fail "$tool: an empty NO_COLOR turned colour off"
  (unset NO_COLOR; TERM=dumb tty "$tool" "$@" > seen)
  grep -q $'\e\[' seen && fail "$tool: coloured a dumb terminal"
  NO_COLOR=1 tty "$tool" --color=always "$@" > seen
  grep -q $'\e\[' seen || fail "$tool: --color=always lost to NO_COLOR"
  (unset NO_COLOR; TERM=xterm tty "$tool" --color=never "$@" > seen)
  grep -q $'\e\[' seen && fail "$tool: coloured with --color=never"
  "$tool" "$@" > piped
  grep -q $'\e\[' piped && fail "$tool: coloured a pipe"
  "$tool" --color=always "$@" > piped
  grep -q $'\e\[' piped || fail "$tool: --color=always did not colour a pipe"
  run "$tool" --color=sometimes "$@"
  expect_status 2
  expect_stderr_contains "'sometimes' is not one of auto, always, never"
done
true
