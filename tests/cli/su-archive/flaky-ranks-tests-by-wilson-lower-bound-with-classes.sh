# flaky: per test runs, failures, rate with a Wilson interval, flips (and
# flips on one commit, apart), class; sorted by the interval's lower bound.
su-archive init 2>/dev/null
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/history.py" 40 archive || fail "history"
run su-archive flaky
expect_status 0
expect_stdout_contains "  rate  95% interval      runs fails flips same-commit  class             id"
grep -q "flaky  *pkg.t.test_00$" "$TMP/out" || fail "test_00 should be flaky"
grep -q "broken since 30  *pkg.t.test_01$" "$TMP/out" || fail "test_01 should be broken since run 30"
grep -q "fixed since 10  *pkg.t.test_02$" "$TMP/out" || fail "test_02 should be fixed since run 10"
grep -q "pkg.t.test_05" "$TMP/out" && fail "a test that never failed is listed without --all"
run su-archive flaky --format=json
expect_status 0
python3 - "$TMP/out" <<'PY' || fail "json wrong"
import json, sys
rows = json.load(open(sys.argv[1]))
keys = ["id", "runs", "failures", "rate", "low", "high", "flips", "same_commit_flips", "class",
        "first_failure", "last_failure"]
assert all(list(r) == keys for r in rows), rows[0]
lows = [r["low"] for r in rows]
assert lows == sorted(lows, reverse=True), lows
by = {r["id"]: r for r in rows}
t0 = by["pkg.t.test_00"]
assert t0["class"] == "flaky" and t0["runs"] == 39 and 0 < t0["low"] < t0["rate"] < t0["high"] < 1
assert t0["same_commit_flips"] > 0 and t0["flips"] > t0["same_commit_flips"], t0
assert abs(t0["rate"] - t0["failures"] / t0["runs"]) < 1e-12
b = by["pkg.t.test_01"]
assert (b["class"], b["first_failure"], b["last_failure"], b["flips"]) == ("broken", 30, 39, 1), b
f = by["pkg.t.test_02"]
assert (f["class"], f["first_failure"], f["last_failure"]) == ("fixed", 0, 9), f
PY
run su-archive flaky --format=ids
expect_status 0
[ "$(sort "$TMP/out" | uniq | wc -l)" -eq "$(wc -l < "$TMP/out")" ] || fail "ids repeated"
grep -qx "pkg.t.test_00" "$TMP/out" || fail "ids lack test_00"
