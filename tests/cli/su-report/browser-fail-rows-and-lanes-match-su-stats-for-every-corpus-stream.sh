# Every corpus stream's page, loaded in headless Chromium (one browser for
# all of them): the live DOM's tr[data-status=fail] count is su-stats's
# "Failed tests", its rows are the tests, the timeline has one lane per
# worker tag, and no page's script failed.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python3 - "$here/headless.py" "$CORPUS"/*/input.* <<'PY' || fail "the browser's DOM disagrees"
import json, subprocess, sys
headless, inputs = sys.argv[1], sys.argv[2:]
assert len(inputs) > 30, inputs
pages, expected = [], []
for i, source in enumerate(inputs):
    page = "page-%d.html" % i
    subprocess.run(["su-report", source, "-o", page], check=True, stderr=subprocess.DEVNULL)
    stats = json.loads(subprocess.run(["su-stats", "--no-passthrough", "--format", "json", source],
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout)
    # Lanes: the distinct worker tags of the tests ("" for none), when any
    # test has both times (else there is no timeline).
    tests = [json.loads(line) for line in subprocess.run(
        ["su-json", source], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.splitlines()]
    tests = [t for t in tests if t["status"] != "exists"]
    lanes = sorted({next((g for g in t["tags"] or [] if g.startswith("worker-")), "") for t in tests})
    if not any(t["start"] and t["stop"] for t in tests):
        lanes = []
    pages.append(page)
    expected.append((source, stats, lanes))
p = subprocess.run([sys.executable, headless, "survey", "survey.json"] + pages)
assert p.returncode == 0, "survey failed"
survey = {r["page"]: r for r in json.load(open("survey.json"))}
for page, (source, stats, lanes) in zip(pages, expected):
    got = survey[page]
    assert got["fail_rows"] == stats["failed"], (source, got["fail_rows"], stats["failed"])
    assert got["rows"] == stats["total"], (source, got["rows"], stats["total"])
    for hook, key in (("total", "total"), ("fail", "failed"), ("skip", "skipped"), ("passed", "passed")):
        assert got["counts"][hook] == stats[key], (source, hook)
    assert sorted(got["lanes"]) == lanes, (source, got["lanes"], lanes)
    assert got["scripts"] == 1, source
PY
