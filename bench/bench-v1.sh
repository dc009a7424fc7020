#!/usr/bin/env bash
# su-upgrade against subunit-1to2 on the N-test v1 stream (made with
# subunit-2to1 from the generator's v2 stream), and su-downgrade against
# subunit-2to1 on the v2 stream (issue 3). Prints time, MB/s, peak RSS and
# the speed ratio; a run at a second size shows memory does not grow with
# the stream. Usage: bench/bench-v1.sh [N...]   (default 100000)
source "$(dirname "$0")/lib.sh"
sizes=${*:-100000}
for n in $sizes; do
  v2=$(stream "$n" v2)
  v1=$(stream "$n" v1)
  echo "== $n tests"
  compare "su-upgrade ($n, v1 in)" "$v1" "su-upgrade" "subunit-1to2"
  compare "su-downgrade ($n)" "$v2" "su-downgrade" "subunit-2to1"
  only_su "su-upgrade, v2 in (copy) ($n)" "$v2" "su-upgrade"
  only_su "su-ls, v1 in ($n)" "$v1" "su-ls"
  only_su "cat (the floor) ($n)" "$v1" "cat"
done
