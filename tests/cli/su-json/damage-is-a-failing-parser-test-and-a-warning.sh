run su-json "$CORPUS/v2-bad-crc/input.v2"
expect_status 1
expect_stderr_contains "su-json: warning: '$CORPUS/v2-bad-crc/input.v2': byte "
expect_stdout_contains '{"id":"subunit.parser","status":"fail"'
run su-json --strict "$CORPUS/v2-bad-crc/input.v2"
expect_status 3
