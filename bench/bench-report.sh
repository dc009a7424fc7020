#!/usr/bin/env bash
# su-report (issue 13): how long a page takes to render and how big it is,
# and how headless Chromium copes with it: the browser's own load time
# (navigation start to the load event), one query of the test table's
# filter, the first hover over the timeline (which indexes the table), and
# sorting the table by duration twice.
# Targets: a 10,000-test run renders in under 0.2 s to a page under 3 MB;
# a 100,000-test run's page loads. Usage: bench/bench-report.sh [N...]
source "$(dirname "$0")/lib.sh"
need chromium "apt-get install chromium"
headless="$ROOT/tests/cli/su-report/headless.py"
sizes=${*:-10000 100000}
for n in $sizes; do
  v2=$(stream "$n" v2)
  page="$OUT/report-$n.html"
  su-report "$v2" -o "$page"
  read -r seconds kib < <(measure "$BENCH_RUNS" "$v2" "su-report -o -")
  bytes=$(stat -c %s "$page")
  verdict=""
  if [ "$n" -eq 10000 ]; then
    verdict=$(awk -v s="$seconds" -v b="$bytes" 'BEGIN {
      printf "render %s 0.2 s, page %s 3 MB", (s < 0.2 ? "under" : "OVER"), (b < 3e6 ? "under" : "OVER") }')
  fi
  printf "su-report %6d tests: %6.3f s, %5.1f MB RSS, page %5.2f MB  %s\n" \
    "$n" "$seconds" "$(echo "$kib / 1024" | bc -l)" "$(echo "$bytes / 1000000" | bc -l)" "$verdict"
  python3 "$headless" measure "$page" | python3 -c '
import json, sys
m = json.load(sys.stdin)
print("  chromium: load %s ms, filter query %s ms (%s), first timeline hover %s ms, "
      "two sorts by duration %s ms, timeline elements %s, JavaScript errors %s, "
      "whole chromium run %s s" % (
      m.get("load-ms"), m.get("filter-ms"), m.get("filter-shown"), m.get("hover-ms"),
      m.get("sort-ms"), m.get("timeline-elements"), m.get("errors"), m.get("chromium-seconds")))'
done
