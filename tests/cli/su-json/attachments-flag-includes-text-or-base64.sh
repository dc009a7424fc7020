run su-json "$CORPUS/real-direct-run/input.v2"
cp "$TMP/out" sizes.jsonl
run su-json --attachments "$CORPUS/real-direct-run/input.v2"
expect_status 1
python3 - sizes.jsonl "$TMP/out" <<'PY' || fail "attachments wrong"
import base64, json, sys
plain = [json.loads(l) for l in open(sys.argv[1], encoding="utf8")]
full = [json.loads(l) for l in open(sys.argv[2], encoding="utf8")]
assert len(plain) == len(full)
seen_text = seen_b64 = 0
for p, f in zip(plain, full):
    assert [dict((k, a[k]) for k in ("name", "mime_type", "size")) for a in f["attachments"]] == p["attachments"]
    for a in f["attachments"]:
        if "text" in a:
            data = a["text"].encode("utf8"); seen_text += 1
        else:
            data = base64.b64decode(a["base64"]); seen_b64 += 1
        assert len(data) == a["size"], a
fails = [f for f in full if f["status"] == "fail"]
assert fails and all(any("Traceback" in a.get("text", "") for a in f["attachments"]) for f in fails[:1])
assert seen_text > 10 and seen_b64 >= 1, (seen_text, seen_b64)
PY
