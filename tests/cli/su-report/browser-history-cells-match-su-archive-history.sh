# The history grid, as headless Chromium builds it: its cells are exactly
# what su-archive history says for each of its tests, and its tests are
# exactly those su-archive failing lists for some run.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
archive_corpus_runs 0 2 3 5 6
run su-report --archive .su --last 4 -o history.html
expect_status 0
run python3 "$here/headless.py" dom history.html
expect_status 0
cp "$TMP/out" history.dom
python3 "$here/headless.py" cells history.dom > cells.tsv
[ -s cells.tsv ] || fail "no cells"
# Runs 1-4 are the last four.
for run in 1 2 3 4; do su-archive failing --format ids $run >> failing.txt; done
sort -u failing.txt > failing-tests.txt
cut -f3 cells.tsv | sort -u > grid-tests.txt
cmp -s failing-tests.txt grid-tests.txt || fail "grid tests differ from su-archive failing"
python3 - grid-tests.txt > expected.tsv <<'PY'
import json, subprocess, sys
for test in open(sys.argv[1]).read().splitlines():
    history = json.loads(subprocess.run(["su-archive", "history", "--format", "json", test],
                                        stdout=subprocess.PIPE, check=True).stdout)
    cells = {}
    for r in history:
        if r["run"] < 1:
            continue
        # Several results in a run: the first failing one, else the last.
        if r["run"] not in cells or cells[r["run"]] not in ("fail", "incomplete"):
            cells[r["run"]] = r["status"]
    for run, status in sorted(cells.items()):
        print("%d\t%s\t%s" % (run, status, test))
PY
sort cells.tsv > got.tsv
sort expected.tsv > want.tsv
[ -s want.tsv ] || fail "su-archive history gave nothing"
cmp -s got.tsv want.tsv || { diff got.tsv want.tsv | head >&2; fail "cells differ from su-archive history"; }
