#!/usr/bin/env bash
# su-filter against subunit-filter on 100k- and 1M-test streams (issue 4).
# Usage: bench/bench-filter.sh [N...]. The python side of each 1M-test row
# runs once (it takes about a minute); the 1M rows beyond the first are
# sutools only. Peak RSS should not grow with N: su-filter holds only the
# tests in flight.
source "$(dirname "$0")/lib.sh"
sizes=${*:-100000 1000000}
for n in $sizes; do
  v2=$(stream "$n" v2)
  echo "== $n tests"
  compare "glance -s --xfail --with-tag ($n)" "$v2" \
    "su-filter -s --xfail --with-tag=worker-0" "subunit-filter -s --xfail --with-tag=worker-0"
  if [ "$n" -le 100000 ]; then
    compare "python defaults ($n)" "$v2" "su-filter --no-success --no-xfail" "subunit-filter"
    compare "keep all, judged ($n)" "$v2" "su-filter --no-exists" "subunit-filter -s --xfail"
    compare "--with=Error ($n)" "$v2" "su-filter -s --with=Error" "subunit-filter -s --with=Error"
  else
    only_su "python defaults ($n)" "$v2" "su-filter --no-success --no-xfail"
    only_su "keep all, judged ($n)" "$v2" "su-filter --no-exists"
    only_su "--with=Error ($n)" "$v2" "su-filter -s --with=Error"
  fi
  only_su "no options: byte copy ($n)" "$v2" "su-filter"
  only_su "--status=fail,incomplete ($n)" "$v2" "su-filter --status=fail,incomplete"
  last=$(su-filter --with-tag=worker-3 --status=success "$v2" | su-ls | tail -n1)
  only_su "--before, two passes ($n)" "$v2" "su-filter --before='$last' '$v2'"
  only_su "zstd input, glance ($n)" "$(stream "$n" zst)" "su-filter -s --xfail --with-tag=worker-0"
  only_su "cat (the floor) ($n)" "$v2" "cat"
done
