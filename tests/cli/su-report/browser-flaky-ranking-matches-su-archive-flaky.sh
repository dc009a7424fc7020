# The history page's flaky ranking, as headless Chromium builds it, is
# su-archive flaky's over the same runs: the same tests, classes and order.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
archive_corpus_runs 0 2 3 5 6
run su-report --archive .su --last 5 -o history.html
expect_status 0
run python3 "$here/headless.py" dom history.html
expect_status 0
cp "$TMP/out" history.dom
su-archive flaky --last 5 --format=json > flaky.json
python3 - "$here/headless.py" history.dom flaky.json <<'PY' || fail "ranking differs from su-archive flaky"
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("headless", sys.argv[1])
headless = importlib.util.module_from_spec(spec); spec.loader.exec_module(headless)
page = headless.parse(sys.argv[2])
got = [(a["data-flaky-id"], a["data-class"]) for t, a in page.tags if t == "tr" and "data-flaky-id" in a]
want = [(r["id"], r["class"]) for r in json.load(open(sys.argv[3])) if r["class"] != "passing"][:25]
assert want, "su-archive flaky found nothing"
assert got == want, (got, want)
PY
grep -q 'Left out of the ranking as infrastructure failures' history.dom ||
  fail "run 3 (stestr run 5, 27 of 28 failed) not named as an infrastructure failure"
