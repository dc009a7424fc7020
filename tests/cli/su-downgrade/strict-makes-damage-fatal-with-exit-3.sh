run su-downgrade --strict "$CORPUS/v2-bad-crc/input.v2"
expect_status 3
expect_stderr_contains "su-downgrade: error: '$CORPUS/v2-bad-crc/input.v2': byte"
