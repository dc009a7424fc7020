# Shared helpers for the benchmark scripts in bench/. Source it, then call
# `stream N` to get benchmark streams and `compare` to time a sutools
# command against its python-subunit counterpart on the same input.
#
# Streams come from ../shared/corpus/gen-bench.py (deterministic) and are
# cached in bench/out/ (not in git). Timings are wall-clock seconds, the best
# of $BENCH_RUNS runs (default 5) with a warm page cache; peak RSS comes from
# GNU time. Ratios are what to read: the machines are small and noisy.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
CORPUS=${SU_CORPUS:-$ROOT/../shared/corpus}
BUILD=${SU_BUILD:-$ROOT/build}
OUT=$BENCH_DIR/out
BENCH_RUNS=${BENCH_RUNS:-5}
PY_RUNS=${PY_RUNS:-1}
mkdir -p "$OUT"
export PATH="$BUILD/tools:$PATH"

need() { command -v "$1" >/dev/null || { echo "bench: '$1' is needed ($2)" >&2; exit 2; }; }
need /usr/bin/time "apt-get install time"
need subunit-ls "apt-get install subunit python3-subunit"

# stream N [v1|v2|zst]: path of the N-test benchmark stream in that form.
stream() {
  local n=$1 kind=${2:-v2} v2="$OUT/bench-$1.v2"
  [ -s "$v2" ] || /usr/bin/python3 "$CORPUS/gen-bench.py" "$n" -o "$v2"
  case $kind in
    v2) echo "$v2" ;;
    v1) [ -s "$OUT/bench-$n.v1" ] || subunit-2to1 < "$v2" > "$OUT/bench-$n.v1"
        echo "$OUT/bench-$n.v1" ;;
    zst) [ -s "$v2.zst" ] || zstd -q -f "$v2" -o "$v2.zst"
         echo "$v2.zst" ;;
  esac
}

# measure RUNS CMD: best wall time and the peak RSS (KiB) of that run,
# printed as "SECONDS KIB". CMD is a shell command line. The wall time is
# taken with nanosecond clocks around the run (GNU time's %e has 10 ms
# steps, too coarse for runs of a few tens of milliseconds); GNU time
# supplies the peak RSS.
measure() {
  local runs=$1 cmd=$2 best="" rss="" t m t0 t1 stats
  stats=$(mktemp)
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    /usr/bin/time -o "$stats" -f '%M' bash -c "$cmd" >/dev/null 2>/dev/null || true
    t1=$(date +%s%N)
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    m=$(tail -1 "$stats")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; rss=$m; fi
  done
  rm -f "$stats"
  echo "$best $rss"
}

# compare LABEL INPUT SU_CMD PY_CMD: times both (stdin from INPUT) and prints
# one row: label, sizes, times, MB/s, peak RSS and the speed ratio.
compare() {
  local label=$1 input=$2 su_cmd=$3 py_cmd=$4
  local bytes su py
  bytes=$(stat -c %s "$input")
  su=$(measure "$BENCH_RUNS" "$su_cmd < '$input'")
  py=$(measure "$PY_RUNS" "$py_cmd < '$input'")
  awk -v l="$label" -v b="$bytes" -v s="$su" -v p="$py" 'BEGIN {
    split(s, S, " "); split(p, P, " ");
    st = S[1] > 0 ? S[1] : 0.005; pt = P[1];
    printf "%-34s %8.1f MB  sutools %7.3f s %8.1f MB/s %7.1f MB RSS | python %7.2f s %6.1f MB RSS | %6.0fx\n",
      l, b / 1e6, S[1], b / 1e6 / st, S[2] / 1024, pt, P[2] / 1024, pt / st }'
}

# only_su LABEL INPUT SU_CMD: the sutools side alone (no python counterpart).
only_su() {
  local label=$1 input=$2 su_cmd=$3 bytes su
  bytes=$(stat -c %s "$input")
  su=$(measure "$BENCH_RUNS" "$su_cmd < '$input'")
  awk -v l="$label" -v b="$bytes" -v s="$su" 'BEGIN { split(s, S, " "); st = S[1] > 0 ? S[1] : 0.005;
    printf "%-34s %8.1f MB  sutools %7.3f s %8.1f MB/s %7.1f MB RSS\n", l, b / 1e6, S[1], b / 1e6 / st, S[2] / 1024 }'
}
