run su-json "$CORPUS/v2-route-codes/input.v2"
python3 - "$TMP/out" <<'PY' || fail "routes wrong"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf8")]
routes = {o["route"] for o in objs}
assert len(routes) > 1, routes
same = sorted((o["route"], o["status"]) for o in objs if o["id"] == "route.test_same_id")
assert same == [("0", "fail"), ("1", "success")], same
PY
