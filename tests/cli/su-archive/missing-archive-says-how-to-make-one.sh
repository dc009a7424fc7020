run su-archive list
expect_status 2
expect_stderr_contains "su-archive: error: no archive at '.su' (create one with 'su-archive init')"
run su-archive add "$CORPUS/real-direct-run/input.v2"
expect_status 2
expect_stderr_contains "'.su' is not a su archive"
