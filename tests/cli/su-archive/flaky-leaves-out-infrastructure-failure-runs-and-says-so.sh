# Run 20 failed 11 of 12 tests: an infrastructure failure, not flakiness.
su-archive init 2>/dev/null
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/history.py" 40 archive || fail "history"
run su-archive flaky
expect_stdout_contains "4 tests from 39 runs; 1 run left out as infrastructure failures (more than 50.0% of the tests failed): 20"
run su-archive flaky --format=json
expect_stderr_contains "1 run left out as infrastructure failures"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/out" || fail "stdout is not clean JSON"
# With the threshold at 100%, run 20 counts: every test has a failure.
run su-archive flaky --max-run-failure-ratio=1 --format=json
python3 - "$TMP/out" <<'PY' || fail "ratio 1 wrong"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 11 and all(r["runs"] == 40 for r in rows), [(r["id"], r["runs"]) for r in rows]
PY
run su-archive flaky --max-run-failure-ratio=2
expect_status 2
