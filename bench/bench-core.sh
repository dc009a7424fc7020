#!/usr/bin/env bash
# su-ls and su-stats against subunit-ls and subunit-stats on 100k- and
# 1M-test streams (issue: streaming v2 core), and su-stats' decoding speed:
# GB/s of CPU time (user + system, median of $DECODE_RUNS runs, default 21)
# on the largest stream, against $DECODE_TARGET (1.5 GB/s on one core, issue
# 15). CPU time rather than the wall clock: a busy machine stretches the wall
# clock far more. Usage: bench/bench-core.sh [N...]   (DECODE_ONLY=1: only
# the decoding measurement, on the largest N)
source "$(dirname "$0")/lib.sh"
DECODE_RUNS=${DECODE_RUNS:-21}
DECODE_TARGET=${DECODE_TARGET:-1.5}
sizes=${*:-100000 1000000}
[ -n "${DECODE_ONLY:-}" ] || for n in $sizes; do
  v2=$(stream "$n" v2)
  echo "== $n tests"
  compare "su-ls ($n)" "$v2" "su-ls" "subunit-ls"
  compare "su-ls --times ($n)" "$v2" "su-ls --times" "subunit-ls --times"
  compare "su-stats ($n)" "$v2" "su-stats" "subunit-stats"
  only_su "su-stats, zstd input ($n)" "$(stream "$n" zst)" "su-stats"
  only_su "cat (the floor) ($n)" "$v2" "cat"
done
# The decoding target, on the largest stream asked for. What a decoder
# pays for its input depends on how the kernel holds the file: in page-cache
# folios as large as the writes that made it, and read() pays per folio. A
# file written in small blocks (python's file objects write 8 KiB; a test
# runner's stream still in the cache) is held in small folios: reading the
# 1M-test stream so took 38-40 ms in the tenth session; written in large
# blocks (sutools writes a file 1 MiB at a time; a file read back from
# disk is held much the same), 16 ms. So the same bytes are measured both
# ways, each copy written afresh to fix its layout.
v2=$(stream "${sizes##* }" v2)
bytes=$(stat -L -c %s "$v2")
for layout in "8K:8 KiB" "1M:1 MiB"; do
  block=${layout%%:*}
  copy="$OUT/decode-$block.v2"
  dd if="$v2" of="$copy" bs="$block" conv=fsync status=none  # written back before timing
  su=$(measure "$DECODE_RUNS" "$copy" "su-stats")
  rm -f "$copy"
  awk -v b="$bytes" -v s="$su" -v runs="$DECODE_RUNS" -v target="$DECODE_TARGET" \
      -v layout="${layout#*:}" 'BEGIN {
    split(s, S, " "); cpu = S[2] > 0 ? S[2] : 0.0005; gbs = b / 1e9 / cpu;
    printf "su-stats decoding, %.1f MB written in %s blocks: cpu %.4f s (median of %d) = %.2f GB/s of CPU time, %s %.1f GB/s\n",
      b / 1e6, layout, cpu, runs, gbs, (gbs >= target ? "meets" : "BELOW"), target }'
done
