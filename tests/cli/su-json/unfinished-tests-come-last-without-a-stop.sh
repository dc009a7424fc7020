printf '' > empty.v2
run su-json "$CORPUS/v2-truncated-final-packet/input.v2"
python3 - "$TMP/out" <<'PY' || fail "unfinished tests wrong"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf8")]
open_ = [o for o in objs if o["status"] in ("inprogress", "unknown")]
for o in open_:
    assert o["stop"] is None and o["duration"] is None, o
# all finished ones come first
statuses = [o["status"] in ("inprogress", "unknown") for o in objs]
assert statuses == sorted(statuses), statuses
PY
run su-json empty.v2
expect_status 0
expect_stdout_empty
