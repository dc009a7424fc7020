zstd -q -c "$CORPUS/real-direct-run/input.v2" | head -c 3000 > "$TMP/cut.v2.zst"
run su-diff "$CORPUS/real-direct-run/input.v2" "$TMP/cut.v2.zst"
expect_status 3
expect_stderr_contains "su-diff: error: '$TMP/cut.v2.zst': byte "
