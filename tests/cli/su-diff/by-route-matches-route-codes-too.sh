# The same test on two workers (routes 0 and 1): by id it is one test with
# two runs; with --by-route it is two tests, and only one newly fails.
here=$(dirname "${BASH_SOURCE[0]}")
printf '%s\n' 't success route=0' 't success route=1' | /usr/bin/python3 "$here/stream.py" > "$TMP/old.v2" || fail "stream.py failed"
printf '%s\n' 't success route=0' 't fail route=1' | /usr/bin/python3 "$here/stream.py" > "$TMP/new.v2" || fail "stream.py failed"
run su-diff "$TMP/old.v2" "$TMP/new.v2"
expect_status 1
expect_stdout_contains "  t  2 runs: 2 success -> 2 runs: 1 success, 1 fail (flaky)"
run su-diff --by-route "$TMP/old.v2" "$TMP/new.v2"
expect_status 1
expect_stdout_contains "new-failures (1):"
expect_stdout_contains "  t [route 1]  success -> fail"
run su-diff --by-route --format=ids --section=new-failures "$TMP/old.v2" "$TMP/new.v2"
expect_stdout "t"
run su-diff --by-route --format=json "$TMP/old.v2" "$TMP/new.v2"
python3 - "$TMP/out" <<'PY' || fail "json route codes wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["options"]["by_route"] is True
assert [(e["id"], e["route_code"]) for e in d["sections"]["new-failures"]] == [("t", "1")]
PY
