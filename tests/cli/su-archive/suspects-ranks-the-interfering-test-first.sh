# test_03 fails exactly when test_04 ran before it on its worker.
su-archive init 2>/dev/null
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/history.py" 40 archive || fail "history"
run su-archive suspects pkg.t.test_03
expect_status 0
expect_stdout_contains "'pkg.t.test_03' ran in 39 of 39 runs and failed in 10 (1 run left out as infrastructure failures)"
expect_stdout_contains "rank         p         q   odds    before: f/p    absent: f/p  id"
sed -n 3p "$TMP/out" | grep -q "^1 .* inf  *10/0  *0/29  pkg.t.test_04$" || fail "test_04 should rank first"
expect_stdout_contains "suspect: 'pkg.t.test_04' (q = "
run su-archive suspects pkg.t.test_03 --format=json
expect_status 0
expect_stderr_contains "suspects: suspect: 'pkg.t.test_04'"
python3 - "$TMP/out" <<'PY' || fail "json wrong"
import json, sys
rows = json.load(open(sys.argv[1]))
keys = ["id", "before_failed", "before_passed", "absent_failed", "absent_passed", "p_value",
        "q_value", "odds_ratio"]
assert all(list(r) == keys for r in rows), rows[0]
top = rows[0]
assert top["id"] == "pkg.t.test_04" and top["q_value"] < 0.05 and top["odds_ratio"] is None, top
assert [r["p_value"] for r in rows] == sorted(r["p_value"] for r in rows)
assert all(r["before_failed"] + r["absent_failed"] == 10 for r in rows)
assert all(r["before_passed"] + r["absent_passed"] == 29 for r in rows)
assert all(r["q_value"] >= r["p_value"] for r in rows)
PY
run su-archive suspects pkg.t.test_03 -n 2
[ "$(grep -c "^[0-9] " "$TMP/out")" -eq 2 ] || fail "-n 2 shows two"
