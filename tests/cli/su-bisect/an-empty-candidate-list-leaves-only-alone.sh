# The victim ran first on its worker: there is nothing to bisect. If it
# fails by itself the verdict is "alone", else "not reproduced".
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure e.victim
ALONE=100 run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 1
expect_stdout_contains "Candidates: 0 tests ran before it on worker-0"
expect_stdout_contains "Verdict: alone"
tail -n1 "$TMP/out" | grep -qxF "  $FAKE_RUNNER e.victim" || fail "reproduction command"
run su-bisect -q --format=ids --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 1
expect_stdout_empty
