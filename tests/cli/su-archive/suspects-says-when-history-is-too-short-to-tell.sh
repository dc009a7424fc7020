# Too few runs, a victim that never failed, one that always failed, one
# that never ran: each is said plainly, and no suspect is named.
su-archive init 2>/dev/null
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/history.py" 40 archive || fail "history"
run su-archive suspects pkg.t.test_03 --last 8
expect_status 0
expect_stdout_contains "inconclusive: the history is too short to tell"
grep -q "^suspect:" "$TMP/out" && fail "named a suspect from 8 runs"
run su-archive suspects pkg.t.test_05
expect_stdout_contains "inconclusive: 'pkg.t.test_05' passed in all 39 runs where it ran; nothing to explain"
run su-archive suspects pkg.t.test_01 --last 5
expect_stdout_contains "inconclusive: 'pkg.t.test_01' failed in all 5 runs where it ran"
run su-archive suspects pkg.t.no_such_test
expect_status 1
expect_stderr_contains "no run in '.su' ran a test 'pkg.t.no_such_test'"
run su-archive suspects
expect_status 2
