in="$CORPUS/v2-route-codes/input.v2"
run su-cat --route-prefix "$in" "$in"
expect_status 0
/usr/bin/python3 "$CORPUS/tools/subunit-events.py" < "$in" > in.jsonl
/usr/bin/python3 "$CORPUS/tools/subunit-events.py" < "$TMP/out" > out.jsonl
python3 - in.jsonl out.jsonl <<'PY' || fail "routes not prefixed as StreamToQueue does"
import json, sys
src = [json.loads(l) for l in open(sys.argv[1], encoding="utf8")]
out = [json.loads(l) for l in open(sys.argv[2], encoding="utf8")]
want = []
for n in (0, 1):
    for e in src:
        e = dict(e)
        e["route_code"] = str(n) if e["route_code"] is None else "%d/%s" % (n, e["route_code"])
        want.append(e)
assert len(out) > 10 and out == want
assert any(e["route_code"] == "1/0/3" for e in out)
PY
