# The script's two jobs, in headless Chromium: the filter shows exactly the
# rows whose id holds the query (case-insensitive), hovering the first bar
# of the first lane names that worker's first-drawn test, and a click on the
# Duration heading sorts the table (twice: longest first).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
input="$CORPUS/real-stestr-last/input.v2"
su-report "$input" -o page.html
run python3 "$here/headless.py" measure page.html TestClamp
expect_status 0
cp "$TMP/out" measure.json
python3 - measure.json page.html <<'PY' || fail "filter or hover wrong"
import json, re, sys, html
m = json.load(open(sys.argv[1]))
page = open(sys.argv[2], encoding="utf-8").read()
ids = [html.unescape(i) for i in re.findall(r'<tr data-test-id="([^"]*)"', page)]
want = sum("testclamp" in i.lower() for i in ids)
assert 0 < want < len(ids), want
assert m["filter-shown"] == "%d of %d tests shown" % (want, len(ids)), (m["filter-shown"], want)
assert m["hover-found"] in ids, m["hover-found"]
assert m["timeline-elements"] and int(m["timeline-elements"]) < 100, m
durations = [float(d) for d in re.findall(r'<tr data-test-id="[^"]*" data-status="[a-z]+"><td>[^<]*<td>[a-z]+<td>([0-9.]+)', page)]
assert m["sorted-order"] == "descending", m
assert float(m["sorted-first"]) == max(durations), (m["sorted-first"], max(durations))
PY
