# Plain text on stdout, nothing at all, or an error: no subunit, exit 4,
# with the command, how it ended and its stderr.
run su-repeat -q -- echo hello world
expect_status 4
expect_stderr_contains "su-repeat: error: run 1: the command wrote no subunit (it exited with status 0): echo hello world"
run su-repeat -q -- sh -c 'echo "cannot import tests" >&2; exit 3'
expect_status 4
expect_stderr_contains "the command wrote no subunit (it exited with status 3)"
expect_stderr_contains "  cannot import tests"
expect_stdout_empty
# a command that stops writing subunit in run 3: runs 1 and 2 are still reported
cat > breaks.sh <<'SH'
#!/bin/sh
n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count
[ $n -lt 3 ] && printf 'test: t.a\nsuccess: t.a\n'
exit 0
SH
chmod +x breaks.sh
run su-repeat -q -n 5 -- ./breaks.sh
expect_status 4
expect_stdout_contains "2 runs in"
expect_stderr_contains "run 3: the command wrote no subunit"
[ "$(cat count)" = 3 ] || fail "ran $(cat count) times: it should stop at run 3"
true
