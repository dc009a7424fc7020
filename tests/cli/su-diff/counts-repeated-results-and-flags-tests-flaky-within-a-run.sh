# A retried test is summarised with its counts and flagged flaky when it
# both failed and passed in the run; it still fails, so it is a new failure.
here=$(dirname "${BASH_SOURCE[0]}")
printf 'pkg.t_retried success\npkg.t_looped success\npkg.t_steady success\n' |
  /usr/bin/python3 "$here/stream.py" > "$TMP/old.v2" || fail "stream.py failed"
printf '%s\n' 'pkg.t_retried fail' 'pkg.t_retried success' 'pkg.t_retried success' \
  'pkg.t_looped fail' 'pkg.t_looped fail' 'pkg.t_steady success' 'pkg.t_steady success' |
  /usr/bin/python3 "$here/stream.py" > "$TMP/new.v2" || fail "stream.py failed"
run su-diff "$TMP/old.v2" "$TMP/new.v2"
expect_status 1
expect_stdout_contains "  pkg.t_retried  success -> 3 runs: 2 success, 1 fail (flaky)"
expect_stdout_contains "  pkg.t_looped   success -> 2 runs: 2 fail"
if grep -q "t_steady" "$TMP/out"; then fail "a test passing twice is not a change"; fi
run su-diff --format=ids --section=flaky "$TMP/old.v2" "$TMP/new.v2"
expect_stdout "pkg.t_retried"
run su-diff --format=json "$TMP/old.v2" "$TMP/new.v2"
python3 - "$TMP/out" <<'PY' || fail "json counts wrong"
import json, sys
d = json.load(open(sys.argv[1]))
e = {x["id"]: x for x in d["sections"]["new-failures"]}["pkg.t_retried"]
assert e["new"] == {"status": "success", "fails": True, "flaky": True, "runs": 3,
                    "results": {"success": 2, "fail": 1}, "seconds": None}, e
assert d["new"]["flaky"] == 1 and d["new"]["results"] == 7 and d["new"]["tests"] == 3
PY
