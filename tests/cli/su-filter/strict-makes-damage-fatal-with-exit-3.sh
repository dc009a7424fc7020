run su-filter --strict "$CORPUS/v2-bad-crc/input.v2"
expect_status 3
expect_stderr_contains "su-filter: error: '$CORPUS/v2-bad-crc/input.v2': byte"
run su-filter --no-success "$CORPUS/v2-bad-crc/input.v2"
expect_status 0
expect_stderr_contains "su-filter: warning:"
su-ls "$TMP/out" | grep -qx subunit.parser || fail "damage not reported in-band"
