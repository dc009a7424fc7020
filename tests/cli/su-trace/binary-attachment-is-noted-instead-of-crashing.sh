# subunit-trace crashes printing a binary attachment (the damaged packet's
# bytes); su-trace notes its size and carries on.
run su-trace "$CORPUS/v2-bad-crc/input.v2"
expect_status 1
expect_stdout_contains "Captured Packet data:"
expect_stdout_contains "    (40 bytes of application/octet-stream, not shown)"
expect_stdout_contains "{0} crc.test_after [0.001000s] ... ok"
expect_stderr_contains "byte 100: Bad checksum"
