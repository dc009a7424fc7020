#!/usr/bin/env bash
# Every stream tool against its python counterpart on the N-test stream
# (default 100000), one row each, with the median-of-runs ratio and whether
# it meets the 150x target of issue 15: su-ls, su-stats, su-filter,
# su-upgrade, su-downgrade, su-csv, su-junit, su-trace. The other bench-*
# scripts show more variants of each tool.
# Usage: bench/bench-ratios.sh [N...]   (BENCH_RUNS, PY_RUNS, BENCH_TARGET)
# (subunit2junitxml needs python3-junitxml, subunit-trace python3-os-testr.)
source "$(dirname "$0")/lib.sh"
need subunit2junitxml "apt-get install python3-junitxml"
need subunit-trace "apt-get install python3-os-testr"
sizes=${*:-100000}
for n in $sizes; do
  v2=$(stream "$n" v2)
  v1=$(stream "$n" v1)
  echo "== $n tests (medians: sutools of $BENCH_RUNS runs, python of $PY_RUNS, alternating, on CPU $(/usr/bin/python3 "$BENCH_DIR/measure.py" --cpu))"
  compare "su-ls ($n)" "$v2" "su-ls" "subunit-ls"
  compare "su-stats ($n)" "$v2" "su-stats" "subunit-stats"
  compare "su-filter glance ($n)" "$v2" \
    "su-filter -s --xfail --with-tag=worker-0" "subunit-filter -s --xfail --with-tag=worker-0"
  compare "su-upgrade ($n, v1 in)" "$v1" "su-upgrade" "subunit-1to2"
  compare "su-downgrade ($n)" "$v2" "su-downgrade" "subunit-2to1"
  compare "su-csv ($n)" "$v2" "su-csv --no-passthrough" "subunit2csv --no-passthrough"
  compare "su-junit python format ($n)" "$v2" "su-junit --format=subunit2junitxml" "subunit2junitxml"
  compare "su-trace ($n)" "$v2" "su-trace" "subunit-trace"
done
