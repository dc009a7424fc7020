su-archive init 2>/dev/null
for f in real-direct-run/input.v2 v2-empty/input.v2 v2-route-codes/input.v2; do
  su-archive add "$CORPUS/$f" >/dev/null
done
run su-archive show -1
expect_stdout_file "$CORPUS/v2-route-codes/input.v2"
run su-archive show -3
expect_stdout_file "$CORPUS/real-direct-run/input.v2"
run su-archive slowest -n 1 -3
expect_stdout_contains "test_sleep_200ms"
run su-archive show -4
expect_status 2
expect_stderr_contains "has only 3 runs"
run su-archive show 9
expect_status 2
expect_stderr_contains "no run 9 in '.su'"
