su-archive init 2>/dev/null
run su-archive add "$CORPUS/real-direct-run/input.v2"
expect_status 0
expect_stdout "0"
run su-archive add < "$CORPUS/v2-route-codes/input.v2"
expect_stdout "1"
run su-archive show 0
expect_status 0
expect_stdout_file "$CORPUS/real-direct-run/input.v2"
run su-archive show last
expect_stdout_file "$CORPUS/v2-route-codes/input.v2"
# damaged input is stored as it came, damage and all, with a warning
run su-archive add "$CORPUS/v2-bad-crc/input.v2"
expect_status 0
expect_stderr_contains "'$CORPUS/v2-bad-crc/input.v2': byte"
run su-archive show 2
expect_stdout_file "$CORPUS/v2-bad-crc/input.v2"
# zstd input is stored decompressed
zstd -q -c "$CORPUS/real-direct-run/input.v2" > run.zst
run su-archive add run.zst
run su-archive show 3
expect_stdout_file "$CORPUS/real-direct-run/input.v2"
