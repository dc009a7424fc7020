# For every corpus stream, the page's counts are su-stats's numbers and it
# has one row per test, read from the page's markup by python's html.parser.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python3 - "$here/headless.py" "$CORPUS"/*/input.* <<'PY' || fail "page and su-stats disagree"
import importlib.util, json, subprocess, sys
spec = importlib.util.spec_from_file_location("headless", sys.argv[1])
headless = importlib.util.module_from_spec(spec); spec.loader.exec_module(headless)
inputs = sys.argv[2:]
assert len(inputs) > 30, inputs
for source in inputs:
    subprocess.run(["su-report", source, "-o", "page.html"], check=True, stderr=subprocess.DEVNULL)
    stats = json.loads(subprocess.run(["su-stats", "--no-passthrough", "--format", "json", source],
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout)
    page = headless.parse("page.html")
    counts = {a["data-count"]: None for t, a in page.tags if "data-count" in a}
    rows = [a for a, _ in page.rows if "data-test-id" in a]
    assert len(rows) == stats["total"], (source, len(rows), stats["total"])
    assert sum(a.get("data-status") == "fail" for a in rows) == stats["failed"], source
    markup = open("page.html", encoding="utf-8").read()
    for hook, key in (("total", "total"), ("passed", "passed"), ("fail", "failed"),
                      ("skip", "skipped"), ("success", "success"), ("xfail", "xfail"),
                      ("uxsuccess", "uxsuccess"), ("incomplete", "incomplete")):
        assert 'data-count="%s">%d<' % (hook, stats[key]) in markup, (source, hook, stats[key])
PY
