# The real thing: the sample project's test_order_b fails when test_order_a
# ran before it in the same process. From a real run (python -m
# subunit.run, cut down to a few tests so this stays fast), su-bisect
# runs the real tests with python's runner and names test_order_a.
project="$CORPUS/sample-project"
victim=sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache
culprit=sampleproj.tests.test_order_a.TestCacheWarm.test_warm_cache
su-filter --no-exists --with 'TestMul.test_mul_0[0-4]|test_order_' \
  "$CORPUS/real-direct-run/input.v2" > "$TMP/run" 2>/dev/null
run su-bisect -j 2 --test "$victim" \
  --runner "cd '$project' && PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -m subunit.run {ids}" "$TMP/run"
expect_status 0
expect_stdout_contains "Candidates: 6 tests ran before it on the only worker"
expect_stdout_contains "Culprit: $culprit"
tail -n1 "$TMP/out" | grep -qF "python3 -m subunit.run $culprit $victim" || fail "reproduction command"
