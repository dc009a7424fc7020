# A .stestr directory is read where it is; it has no commit metadata, so
# no flip is claimed to be on one commit.
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/history.py" 40 stestr .stestr || fail "history"
run su-archive --archive .stestr flaky --format=json
expect_status 0
python3 - "$TMP/out" <<'PY' || fail "stestr wrong"
import json, sys
rows = {r["id"]: r for r in json.load(open(sys.argv[1]))}
assert rows["pkg.t.test_01"]["class"] == "broken" and rows["pkg.t.test_01"]["first_failure"] == 30
assert rows["pkg.t.test_00"]["class"] == "flaky"
assert all(r["same_commit_flips"] == 0 for r in rows.values())
PY
run su-archive --archive .stestr suspects pkg.t.test_03
expect_status 0
expect_stdout_contains "suspect: 'pkg.t.test_04'"
