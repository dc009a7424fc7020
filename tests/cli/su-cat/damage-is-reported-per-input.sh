ok="$CORPUS/v2-route-codes-simple/input.v2" bad="$CORPUS/v2-bad-crc/input.v2"
run su-cat "$ok" "$bad"
expect_status 0
expect_stderr_contains "su-cat: warning: '$bad': byte "
run su-cat --strict "$ok" "$bad"
expect_status 3
expect_stderr_contains "su-cat: error: '$bad': byte "
