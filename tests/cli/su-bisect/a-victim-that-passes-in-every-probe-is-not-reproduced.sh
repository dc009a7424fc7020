# Nothing makes the victim fail again: "not reproduced" after the
# reproduce budget, naming no culprit.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure n.a n.b n.c n.victim
export FAKE_CALLS="$TMP/calls"
run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 1
expect_stdout_contains "Verdict: not reproduced: the victim passed all 50 runs"
! grep -q "^Culprit" "$TMP/out" || fail "named a culprit"
[ "$(sort -u "$TMP/calls")" = "n.a n.b n.c n.victim" ] || fail "probes were not all candidates"
# With a smaller budget it is out of runs: inconclusive.
run su-bisect --max-runs 3 --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 1
expect_stdout_contains "Verdict: inconclusive (out of runs)"
# --reproduce-runs sets that budget.
run su-bisect --reproduce-runs 4 --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 1
expect_stdout_contains "Verdict: not reproduced: the victim passed all 4 runs"
