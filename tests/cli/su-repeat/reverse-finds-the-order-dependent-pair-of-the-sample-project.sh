# The real thing: the sample project's test_order_b fails when test_order_a
# ran before it in the same process, as it does in the original order of a
# real run. Reversed, it passes: su-repeat runs the real tests with
# python's runner, calls test_order_b order-dependent, and gives the
# su-bisect command for one of its failing runs.
project="$CORPUS/sample-project"
victim=sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache
su-filter --no-exists --with 'TestMul.test_mul_0[0-2]|test_order_' \
  "$CORPUS/real-direct-run/input.v2" > run.subunit 2>/dev/null
runner="cd '$project' && PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -m subunit.run {ids}"
run su-repeat -q -n 8 --order=reverse --runner "$runner" --tests run.subunit
expect_status 1
grep -qE "^$victim +8 +4 +50\.0% .* order-dependent\$" "$TMP/out" || fail "test_order_b's row"
expect_stdout_contains "$victim is order-dependent: it failed in all 4 runs in the original order and passed in 4 of 4 runs in changed orders (Fisher p = 0.014"
[ "$(grep -c 'order-dependent$' "$TMP/out")" = 1 ] || fail "only test_order_b is order-dependent"
expect_stdout_contains "su-bisect --test $victim --runner "
stream=$(grep -o 'su-repeat-orders/run-[0-9]*\.subunit' "$TMP/out" | head -1)
[ "$stream" = su-repeat-orders/run-1.subunit ] || fail "bisect should start from run 1 (the original order): $stream"
su-ls "$stream" | grep -c . | grep -qx 5 || fail "$stream should hold the 5 tests"
true
