run su-json "$CORPUS/real-direct-run/input.v2"
expect_status 1
python3 - "$TMP/out" "$CORPUS/real-direct-run/golden/ls_exists.out" <<'PY' || fail "bad JSON lines"
import json, sys
lines = open(sys.argv[1], encoding="utf8").read().splitlines()
objs = [json.loads(l) for l in lines]
keys = ["id", "status", "start", "stop", "duration", "tags", "route", "attachments"]
for o in objs:
    assert list(o) == keys, o
    assert isinstance(o["tags"], list) and isinstance(o["attachments"], list)
# the same tests subunit-ls --exists lists (it also prints stray output)
listed = set(open(sys.argv[2], encoding="utf8").read().splitlines())
ids = [o["id"] for o in objs]
assert set(ids) <= listed and len(set(ids)) > 150, (len(set(ids)), len(listed))
PY
