run su-stats "$CORPUS/real-direct-run/input.v2"
expect_status 1
expect_stdout_file "$CORPUS/real-direct-run/golden/stats.out"
