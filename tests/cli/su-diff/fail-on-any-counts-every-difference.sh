# stestr-5 reran only the failing tests of stestr-3: one fixed, 172 removed,
# no new failure. That passes the default gate and fails --fail-on=any.
old="$CORPUS/real-stestr-run-3/input.v1" new="$CORPUS/real-stestr-run-5/input.v1"
run su-diff "$old" "$new"
expect_status 0
run su-diff --fail-on=any "$old" "$new"
expect_status 1
expect_stdout_contains "removed (172):"
# A run compared with itself has no difference, even with tests failing.
run su-diff --fail-on=any "$old" "$old"
expect_status 0
expect_stdout_contains "0 new failures, 0 fixed, 30 still failing, 0 added, 0 removed"
