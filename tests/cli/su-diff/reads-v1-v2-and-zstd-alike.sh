# The same runs as v1, as v2 (python's 1to2) and zstd-compressed v2 give the
# same report.
old="$CORPUS/real-testr-run-1/input.v1" new="$CORPUS/real-testr-run-2/input.v1"
run su-diff --format=json "$old" "$new"
sed -E 's/"name": "[^"]*"/"name": ""/' "$TMP/out" > "$TMP/expected"  # the names differ
subunit-1to2 < "$old" > "$TMP/old.v2"
subunit-1to2 < "$new" > "$TMP/new.v2"
zstd -q "$TMP/new.v2" -o "$TMP/new.v2.zst"
run su-diff --format=json "$TMP/old.v2" "$TMP/new.v2.zst"
expect_status 0
sed -E 's/"name": "[^"]*"/"name": ""/' "$TMP/out" > "$TMP/got"
cmp -s "$TMP/expected" "$TMP/got" || fail "v1 and v2/zstd reports differ: $(diff "$TMP/expected" "$TMP/got" | head -5)"
