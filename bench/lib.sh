# Shared helpers for the benchmark scripts in bench/. Source it, then call
# `stream N` to get benchmark streams and `compare` to time a sutools
# command against its python-subunit counterpart on the same input.
#
# Streams come from ../shared/corpus/gen-bench.py (deterministic) and are
# cached in bench/out/ (not in git). Timings are wall-clock seconds, the best
# of $BENCH_RUNS runs (default 5) with a warm page cache, and the peak RSS of
# that run (bench/measure.py). Ratios are what to read: the machines are
# small and noisy.
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

# measure RUNS INPUT CMD: best wall time and the peak RSS (KiB) of that
# run, printed as "SECONDS KIB". CMD is a command line (words and quotes, no
# pipes), run with INPUT as standard input by measure.py, which times the
# command alone: a shell or GNU time around it costs milliseconds.
measure() {
  /usr/bin/python3 "$BENCH_DIR/measure.py" "$1" "$2" "$3"
}

# compare LABEL INPUT SU_CMD PY_CMD: times both (stdin from INPUT) and prints
# one row: label, sizes, times, MB/s, peak RSS and the speed ratio.
compare() {
  local label=$1 input=$2 su_cmd=$3 py_cmd=$4
  local bytes su py
  bytes=$(stat -c %s "$input")
  su=$(measure "$BENCH_RUNS" "$input" "$su_cmd")
  py=$(measure "$PY_RUNS" "$input" "$py_cmd")
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
  su=$(measure "$BENCH_RUNS" "$input" "$su_cmd")
  awk -v l="$label" -v b="$bytes" -v s="$su" 'BEGIN { split(s, S, " "); st = S[1] > 0 ? S[1] : 0.005;
    printf "%-34s %8.1f MB  sutools %7.3f s %8.1f MB/s %7.1f MB RSS\n", l, b / 1e6, S[1], b / 1e6 / st, S[2] / 1024 }'
}
