run su-upgrade - < "$CORPUS/v1-truncated-mid-test/input.v1"
expect_status 0
expect_stdout_file "$CORPUS/v1-truncated-mid-test/golden/1to2.out"
run su-upgrade < "$CORPUS/v1-truncated-mid-test/input.v1"
expect_stdout_file "$CORPUS/v1-truncated-mid-test/golden/1to2.out"
