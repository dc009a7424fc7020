#!/usr/bin/env bash
# su-diff on two N-test runs (issue 5): the same tests, generated with seeds
# 1 and 2, so outcomes and durations differ. Shown beside su-stats reading
# the same two files (the floor: decoding and aggregating both); the target
# is su-diff within 3x of that. Usage: bench/bench-diff.sh [N...]
source "$(dirname "$0")/lib.sh"
sizes=${*:-100000 1000000}

# second N: the seed-2 run of the same N tests.
second() {
  local n=$1 f="$OUT/bench-$1-seed2.v2"
  if [ ! -s "$f" ]; then
    /usr/bin/python3 "$CORPUS/gen-bench.py" "$n" --seed 2 -o "$f.tmp.$$" && mv "$f.tmp.$$" "$f"
  fi
  echo "$f"
}

# best_of RUNS CMD: "SECONDS KIB CPU_SECONDS" of the fastest run, like
# lib.sh's measure but with GNU time writing to a file (-o), so the
# command's own stderr redirection cannot swallow the figures. CPU time
# (user + system) is steadier than wall time on a loaded machine.
best_of() {
  local runs=$1 cmd=$2 best="" rss="" cpu="" t m u s
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$OUT/.time.$$" -f '%e %M %U %S' bash -c "$cmd" >/dev/null 2>&1
    read -r t m u s < <(tail -1 "$OUT/.time.$$")  # exit 1 adds a line before
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
      best=$t; rss=$m; cpu=$(awk "BEGIN{print $u + $s}")
    fi
  done
  rm -f "$OUT/.time.$$"
  echo "$best $rss $cpu"
}

row() {
  local label=$1 cmd=$2 bytes=$3 r
  r=$(best_of "$BENCH_RUNS" "$cmd")
  awk -v l="$label" -v b="$bytes" -v r="$r" 'BEGIN { split(r, R, " ");
    printf "%-40s %8.1f MB in  %7.3f s (cpu %7.3f s) %8.1f MB/s %7.1f MB RSS\n", l, b / 1e6, R[1], R[3], b / 1e6 / (R[1] > 0 ? R[1] : 0.005), R[2] / 1024 }'
  echo "$r" > "$OUT/.last-measure"
}

for n in $sizes; do
  old=$(stream "$n" v2)
  new=$(second "$n")
  bytes=$(( $(stat -c %s "$old") + $(stat -c %s "$new") ))
  echo "== $n tests per run ($old, $new)"
  row "su-stats OLD; su-stats NEW ($n)" "su-stats '$old' >/dev/null; su-stats '$new'" "$bytes"
  floor=$(cut -d' ' -f1 "$OUT/.last-measure") floor_cpu=$(cut -d' ' -f3 "$OUT/.last-measure")
  row "su-diff OLD NEW ($n)" "su-diff '$old' '$new'" "$bytes"
  diff_s=$(cut -d' ' -f1 "$OUT/.last-measure") diff_cpu=$(cut -d' ' -f3 "$OUT/.last-measure")
  row "su-diff --format=json OLD NEW ($n)" "su-diff --format=json '$old' '$new'" "$bytes"
  row "su-diff --format=ids (new-failures) ($n)" \
    "su-diff --format=ids --section=new-failures '$old' '$new'" "$bytes"
  awk -v d="$diff_s" -v f="$floor" -v dc="$diff_cpu" -v fc="$floor_cpu" 'BEGIN {
    printf "su-diff / reading both: %.2fx wall, %.2fx cpu (target <= 3x)\n", d / (f > 0 ? f : 0.005), dc / (fc > 0 ? fc : 0.005) }'
done
