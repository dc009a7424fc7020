# python loses the rest of the stream (and crashes) on a packet length < 6.
run su-ls --no-passthrough "$CORPUS/v2-length-too-small/input.v2"
expect_status 1
expect_stdout_contains "small.test_before"
expect_stdout_contains "small.test_swallowed"
expect_stderr_contains "below the minimum of 8 bytes"
