# Same events as python's subunit-tags (tag order aside), stray output included.
command -v subunit-tags >/dev/null || exit 0
in="$CORPUS/real-direct-run/input.v2"
subunit-tags new -worker-0 < "$in" > py.v2
run su-tags new -worker-0 < "$in"
expect_status 0
/usr/bin/python3 "$CORPUS/tools/subunit-events.py" < py.v2 > py.events
/usr/bin/python3 "$CORPUS/tools/subunit-events.py" < "$TMP/out" > su.events
python3 - py.events su.events <<'PY' || fail "events differ from subunit-tags"
import json, sys
def load(p):
    out = []
    for l in open(p):
        e = json.loads(l)
        plain = e["test_id"] is None and e["file_name"] == "stdout" and e["tags"] == ["new"]
        if plain and out and out[-1][1]:
            out[-1][0]["file_bytes"] += e["file_bytes"]
        else:
            out.append([e, plain])
    return [e for e, _ in out]
py, su = load(sys.argv[1]), load(sys.argv[2])
assert len(py) > 100 and py == su, (len(py), len(su))
PY
