run su-stats "$CORPUS/v2-empty/input.v2"
expect_status 0
expect_stdout_contains "Total tests:       0"
