run su-tags --strict t < "$CORPUS/v2-bad-crc/input.v2"
expect_status 3
expect_stderr_contains "su-tags: error: '<stdin>': byte "
