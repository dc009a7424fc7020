su-filter --no-success "$CORPUS/real-testr-run-4/input.v1" | su-ls > "$TMP/a"
su-upgrade < "$CORPUS/real-testr-run-4/input.v1" | su-filter --no-success | su-ls > "$TMP/b"
cmp -s "$TMP/a" "$TMP/b" || fail "v1 input differs from upgraded input"
if command -v zstd > /dev/null; then
  zstd -q -c "$CORPUS/real-stestr-last/input.v2" > "$TMP/run.zst"
  run su-filter "$TMP/run.zst"
  expect_status 0
  cmp -s "$TMP/out" "$CORPUS/real-stestr-last/input.v2" || fail "zstd input not decompressed"
fi
