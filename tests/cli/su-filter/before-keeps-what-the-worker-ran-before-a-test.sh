# testr run 1: test_cold_cache (test_order_b) failed because test_order_a
# ran earlier on its worker. --before gives the suspects in one flag.
su-upgrade < "$CORPUS/real-testr-run-1/input.v1" > "$TMP/run"
b=$(su-filter --status=fail "$TMP/run" | su-ls --no-passthrough | grep 'test_order_b' | head -n1)
[ -n "$b" ] || fail "fixture changed: no failing test_order_b test"
run su-filter --before="$b" "$TMP/run"
expect_status 0
su-ls --no-passthrough "$TMP/out" > "$TMP/before"
[ "$(tail -n1 "$TMP/before")" = "$b" ] || fail "TEST_ID is not last"
grep -q 'test_order_a' "$TMP/before" || fail "the culprit is not among the suspects"
# The same as the worker's glance list cut after TEST_ID.
for t in worker-0 worker-1; do
  su-filter --with-tag=$t "$TMP/run" | su-ls --no-passthrough > "$TMP/$t"
  grep -qxF "$b" "$TMP/$t" && w=$t
done
awk -v b="$b" '{print} $0 == b {exit}' "$TMP/$w" > "$TMP/expected"
cmp -s "$TMP/expected" "$TMP/before" || fail "--before differs from $w's list cut at TEST_ID"
# Standard input works too: it is spooled for the second pass.
run su-filter --before="$b" - < "$TMP/run"
expect_status 0
su-ls --no-passthrough "$TMP/out" | cmp -s - "$TMP/before" || fail "stdin differs from file"
# And it combines with other filters.
su-filter --before="$b" --no-success "$TMP/run" | su-ls --no-passthrough > "$TMP/failing"
grep -qxF "$b" "$TMP/failing" || fail "TEST_ID lost with --no-success"
# A pipe is spooled to a temporary file for the second pass.
cat "$TMP/run" | su-filter --before="$b" | su-ls --no-passthrough | cmp -s - "$TMP/before" || fail "pipe differs from file"
# So is a pipe given by name.
su-filter --before="$b" <(cat "$TMP/run") | su-ls --no-passthrough | cmp -s - "$TMP/before" || fail "named pipe differs from file"
