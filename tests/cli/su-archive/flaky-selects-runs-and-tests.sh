# --last N, --since DATE, --min-runs K and --all.
su-archive init 2>/dev/null
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/history.py" 40 archive || fail "history"
run su-archive flaky --last 5 --format=json
python3 - "$TMP/out" <<'PY' || fail "--last wrong"
import json, sys
rows = {r["id"]: r for r in json.load(open(sys.argv[1]))}
assert rows["pkg.t.test_01"]["runs"] == 5 and rows["pkg.t.test_01"]["class"] == "broken"
assert "pkg.t.test_02" not in rows  # fixed before the last 5 runs: never failed in them
PY
run su-archive flaky --all --format=json
python3 - "$TMP/out" <<'PY' || fail "--all wrong"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 12 and rows[-1]["class"] == "passing", [(r["id"], r["class"]) for r in rows]
PY
run su-archive flaky --min-runs 100
expect_stdout_contains "0 tests from 39 runs"
# Every run was added today: a date in the future selects none, one in the past all.
run su-archive flaky --since 2999-01-01
expect_stdout_contains "0 tests from 0 runs"
run su-archive flaky --since 2000-01-01T00:00:00Z
expect_stdout_contains "4 tests from 39 runs"
run su-archive flaky --since yesterday
expect_status 2
expect_stderr_contains "--since: 'yesterday' is not a date"
run su-archive flaky --since 2000-01-01 --last 3
expect_status 2
