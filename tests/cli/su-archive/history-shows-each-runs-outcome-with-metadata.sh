# runs 0, 2, 3 and 6 of one real stestr repository: the flaky test failed only in 6
archive_corpus_runs 0 2 3 6
t=sampleproj.tests.test_flaky.TestFlaky.test_sometimes_fails
run su-archive history $t
expect_status 0
[ "$(grep -c ' success ' "$TMP/out")" -eq 3 ] || fail "3 successes expected"
grep -q "^3 .* fail .*run=6" "$TMP/out" || fail "run 3 (stestr 6) failed"
run su-archive history --format=json sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache
python3 - "$TMP/out" <<'PY' || fail "json wrong"
import json, sys
rows = json.load(open(sys.argv[1]))
assert [(r["meta"]["run"], r["status"]) for r in rows] == [
    ("0", "success"), ("2", "success"), ("3", "fail"), ("6", "fail")], rows
assert all(r["worker"].startswith("worker-") for r in rows)
PY
run su-archive history --format=ids $t
expect_stdout "0
1
2
3"
run su-archive history no.such.test
expect_status 1
expect_stderr_contains "no run in '.su' has a test 'no.such.test'"
