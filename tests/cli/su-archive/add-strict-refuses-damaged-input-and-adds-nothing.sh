su-archive init 2>/dev/null
run su-archive add --strict "$CORPUS/v2-bad-crc/input.v2"
expect_status 3
expect_stderr_contains "nothing was added"
run su-archive list --format=json
expect_stdout "[]"
[ -z "$(ls .su/tmp)" ] || fail "temporary files left: $(ls .su/tmp)"
