# --format=json is one document with stable keys; its sections hold the
# same tests the goldens imply, and its counts match its lists.
here=$(dirname "${BASH_SOURCE[0]}")
old=real-stestr-run-5 new=real-stestr-run-6
run su-diff --format=json "$CORPUS/$old/input.v1" "$CORPUS/$new/input.v1"
expect_status 1
cp "$TMP/out" "$TMP/report.json"
for section in new-failures fixed still-failing added removed status-changes; do
  python3 "$here/golden_sections.py" "$CORPUS" "$old" "$new" "$section" > "$TMP/$section.expected"
done
python3 - "$TMP" <<'PY' || fail "json report wrong"
import json, sys, os
tmp = sys.argv[1]
d = json.load(open(os.path.join(tmp, "report.json"), encoding="utf-8"))
assert list(d) == ["old", "new", "options", "counts", "sections"], list(d)
names = ["new-failures", "fixed", "still-failing", "added", "removed",
         "status-changes", "slower", "faster", "flaky"]
assert list(d["counts"]) == names and list(d["sections"]) == names
for name in names:
    entries = d["sections"][name]
    assert d["counts"][name] == len(entries), name
    ids = [e["id"] for e in entries]
    assert ids == sorted(ids, key=lambda s: s.encode()), name
    path = os.path.join(tmp, name + ".expected")
    if os.path.exists(path):
        expected = open(path, encoding="utf-8").read().split("\n")[:-1]
        assert ids == expected, (name, ids, expected)
for e in d["sections"]["added"]:
    assert e["old"] is None and e["new"]["runs"] >= 1
for e in d["sections"]["new-failures"]:
    assert e["new"]["fails"] and (e["old"] is None or not e["old"]["fails"])
assert d["new"]["tests"] == 59 and d["old"]["tests"] == 28, (d["old"], d["new"])
assert d["old"]["elapsed_seconds"] > 0
assert d["options"] == {"by_route": False, "slower_percent": 50, "min_seconds": 0.1}
assert "route_code" not in d["sections"]["added"][0]
PY
