#!/usr/bin/env bash
# su-ls and su-stats against subunit-ls and subunit-stats on 100k- and
# 1M-test streams (issue: streaming v2 core). Usage: bench/bench-core.sh [N...]
source "$(dirname "$0")/lib.sh"
sizes=${*:-100000 1000000}
for n in $sizes; do
  v2=$(stream "$n" v2)
  echo "== $n tests"
  compare "su-ls ($n)" "$v2" "su-ls" "subunit-ls"
  compare "su-ls --times ($n)" "$v2" "su-ls --times" "subunit-ls --times"
  compare "su-stats ($n)" "$v2" "su-stats" "subunit-stats"
  only_su "su-stats, zstd input ($n)" "$(stream "$n" zst)" "su-stats"
  only_su "cat (the floor) ($n)" "$v2" "cat"
done
