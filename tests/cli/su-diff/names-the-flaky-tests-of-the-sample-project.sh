# The corpus README: stestr-3 fails test_cold_cache (order-dependent), which
# stestr-2 passed; testr-1 fails it and test_sometimes_fails, testr-2 only
# test_cold_cache, so test_sometimes_fails is fixed.
run su-diff --format=ids --section=new-failures \
  "$CORPUS/real-stestr-run-2/input.v1" "$CORPUS/real-stestr-run-3/input.v1"
expect_status 1
expect_stdout "sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache"
run su-diff --format=ids --section=fixed \
  "$CORPUS/real-testr-run-1/input.v1" "$CORPUS/real-testr-run-2/input.v1"
expect_status 0
expect_stdout "sampleproj.tests.test_flaky.TestFlaky.test_sometimes_fails"
