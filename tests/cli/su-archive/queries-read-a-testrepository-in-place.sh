mkdir .testrepository && printf '1\n' > .testrepository/format && echo 6 > .testrepository/next-stream
for n in 1 2 4 5; do cp "$CORPUS/real-testr-run-$n/input.v1" .testrepository/$n; done
run su-archive --archive .testrepository failing 1 --format=ids
expect_status 1
sort "$TMP/out" > ours
# python's filter -F keeps the unexpected success, which fails here too
# (one rule: fail, uxsuccess, incomplete); each id once
sort -u "$CORPUS/real-testr-run-1/golden/1to2+filter_F+ls.out" > theirs
cmp -s ours theirs || fail "failing differs: $(diff ours theirs | head -5)"
run su-archive --archive .testrepository history --format=json sampleproj.tests.test_flaky.TestFlaky.test_sometimes_fails
python3 - "$TMP/out" <<'PY' || fail "history wrong"
import json, sys
rows = json.load(open(sys.argv[1]))
# corpus README: testr-1 fails test_sometimes_fails, testr-2 passes it;
# testr-4 (--failing) and testr-5 (test_details|test_tagged) did not run it
assert [(r["run"], r["status"]) for r in rows] == [(1, "fail"), (2, "success")], rows
PY
run su-archive --archive .testrepository slowest -n 1 -4
expect_status 0
expect_stdout_contains "test_sleep_200ms"
