# Every v2 stream of the corpus, stray text and damaged packets included.
for f in "$CORPUS"/*/input.v2; do
  run su-filter "$f"
  expect_status 0
  cmp -s "$f" "$TMP/out" || fail "not byte-identical: $f"
done
