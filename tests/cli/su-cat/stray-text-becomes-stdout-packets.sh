# Text can no longer run into the next input's packets: python's readers see
# the same stdout events either way.
printf 'no newline at the end' > text.txt
run su-cat text.txt "$CORPUS/v2-route-codes-simple/input.v2"
expect_status 0
/usr/bin/python3 "$CORPUS/tools/subunit-events.py" < "$TMP/out" > events.jsonl
python3 - events.jsonl <<'PY' || fail "text not wrapped"
import json, sys
events = [json.loads(l) for l in open(sys.argv[1], encoding="utf8")]
assert events[0]["file_name"] == "stdout" and events[0]["file_bytes"] == "no newline at the end"
assert events[1]["test_id"] == "rcs.test_0", events[1]
PY
