run su-tags --input "$CORPUS/v2-bad-crc/input.v2" t
expect_status 0
expect_stderr_contains "su-tags: warning: '$CORPUS/v2-bad-crc/input.v2': byte "
expect_stderr_contains "Bad checksum"
run su-tags t < "$CORPUS/v2-bad-crc/input.v2"
expect_stderr_contains "su-tags: warning: '<stdin>': byte "
