run su-ls --no-passthrough "$CORPUS/v2-bad-crc/input.v2"
expect_status 1
expect_stderr_contains "su-ls: warning: '$CORPUS/v2-bad-crc/input.v2': byte "
expect_stderr_contains "Bad checksum - calculated (0xbb6d575), stored (0xb49d58a)"
expect_stdout_contains "crc.test_after"
