# The corpus's real testrepository runs (v1, read in place): run 1 fails
# test_sometimes_fails, run 2 passes it (corpus README).
mkdir .testrepository && printf '1\n' > .testrepository/format && echo 6 > .testrepository/next-stream
for n in 1 2 4 5; do cp "$CORPUS/real-testr-run-$n/input.v1" .testrepository/$n; done
run su-archive --archive .testrepository flaky --format=json
expect_status 0
python3 - "$TMP/out" <<'PY' || fail "flaky wrong"
import json, sys
rows = {r["id"]: r for r in json.load(open(sys.argv[1]))}
t = rows["sampleproj.tests.test_flaky.TestFlaky.test_sometimes_fails"]
assert (t["runs"], t["failures"], t["flips"], t["first_failure"], t["last_failure"]) == (2, 1, 1, 1, 1), t
assert t["class"] in ("fixed", "flaky") and t["low"] < 0.5 < t["high"], t
PY
run su-archive --archive .testrepository suspects sampleproj.tests.test_flaky.TestFlaky.test_sometimes_fails
expect_status 0
expect_stdout_contains "inconclusive"
