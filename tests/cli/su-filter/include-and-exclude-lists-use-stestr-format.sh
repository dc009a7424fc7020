in="$CORPUS/real-stestr-last/input.v2"
cat > "$TMP/list" <<'LIST'
# order-dependent pair
sampleproj.tests.test_order_a   # the culprit
^sampleproj\.tests\.test_order_b\.
LIST
run su-filter --include-list="$TMP/list" "$in"
expect_status 0
su-ls --no-passthrough "$TMP/out" > "$TMP/ids"
[ -s "$TMP/ids" ] || fail "nothing included"
grep -v 'test_order_[ab]' "$TMP/ids" && fail "included a test not in the list"
su-filter --exclude-list="$TMP/list" "$in" | su-ls --no-passthrough > "$TMP/rest"
grep -q 'test_order_[ab]' "$TMP/rest" && fail "excluded test kept"
total=$(su-ls --no-passthrough "$in" | wc -l)
[ $(( $(wc -l < "$TMP/ids") + $(wc -l < "$TMP/rest") )) -eq "$total" ] || fail "include + exclude != all"
run su-filter --include-list="$TMP/missing" "$in"
expect_status 4
expect_stderr_contains "cannot open"
