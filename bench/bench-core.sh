#!/usr/bin/env bash
# su-ls and su-stats against subunit-ls and subunit-stats on 100k- and
# 1M-test streams (issue: streaming v2 core), and su-stats' decoding speed:
# GB/s of CPU time (user + system, median of $DECODE_RUNS runs, default 21)
# on the largest stream, against $DECODE_TARGET (1.5 GB/s on one core, issue
# 15). CPU time rather than the wall clock: a busy machine stretches the wall
# clock far more. Usage: bench/bench-core.sh [N...]
source "$(dirname "$0")/lib.sh"
DECODE_RUNS=${DECODE_RUNS:-21}
DECODE_TARGET=${DECODE_TARGET:-1.5}
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
# The decoding target: the largest stream asked for.
v2=$(stream "${sizes##* }" v2)
bytes=$(stat -c %s "$v2")
su=$(measure "$DECODE_RUNS" "$v2" "su-stats")
awk -v b="$bytes" -v s="$su" -v runs="$DECODE_RUNS" -v target="$DECODE_TARGET" 'BEGIN {
  split(s, S, " "); cpu = S[2] > 0 ? S[2] : 0.0005; gbs = b / 1e9 / cpu;
  printf "su-stats decoding, %.1f MB: cpu %.4f s (median of %d) = %.2f GB/s of CPU time, %s %.1f GB/s\n",
    b / 1e6, cpu, runs, gbs, (gbs >= target ? "meets" : "BELOW"), target }'
