# Shared helpers for the benchmark scripts in bench/. Source it, then call
# `stream N` to get benchmark streams and `compare` to time a sutools
# command against its python-subunit counterpart on the same input.
#
# Streams come from ../shared/corpus/gen-bench.py (deterministic) and are
# cached in bench/out/ (not in git). Times are medians of $BENCH_RUNS runs
# for sutools (default 9) and $PY_RUNS for python (default 3), run
# alternately so that both see the same load (bench/measure.py), with a warm
# page cache; wall clock and CPU time (user + system) both, and the peak RSS.
# Both sides run on the same CPU ($BENCH_CPU, default the highest-numbered;
# "any" to let the kernel choose): measure.py says why.
# Ratios are what to read: the machines are small, shared and noisy. Each
# row says whether the median wall-clock ratio meets $BENCH_TARGET (150x).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
CORPUS=${SU_CORPUS:-$ROOT/../shared/corpus}
BUILD=${SU_BUILD:-$ROOT/build}
OUT=$BENCH_DIR/out
BENCH_RUNS=${BENCH_RUNS:-9}
PY_RUNS=${PY_RUNS:-3}
BENCH_TARGET=${BENCH_TARGET:-150}
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

# measure RUNS INPUT CMD: median wall and CPU seconds and the peak RSS
# (KiB), printed as "WALL CPU KIB". CMD is a command line (words and
# quotes, no pipes), run with INPUT as standard input by measure.py, which
# times the command alone: a shell or GNU time around it costs milliseconds.
measure() {
  /usr/bin/python3 "$BENCH_DIR/measure.py" "$1" "$2" "$3"
}

# compare LABEL INPUT SU_CMD PY_CMD: times both, alternately (stdin from
# INPUT), and prints one row: label, size, median times (wall and CPU),
# MB/s, peak RSS, the ratios of the medians (wall, then CPU) and whether
# the wall ratio meets the target.
compare() {
  local label=$1 input=$2 su_cmd=$3 py_cmd=$4
  local bytes both
  bytes=$(stat -c %s "$input")
  both=$(/usr/bin/python3 "$BENCH_DIR/measure.py" --pair "$BENCH_RUNS" "$PY_RUNS" "$input" \
    "$su_cmd" "$py_cmd")
  awk -v l="$label" -v b="$bytes" -v m="$both" -v target="$BENCH_TARGET" 'BEGIN {
    split(m, M, " ");
    sw = M[1] > 0 ? M[1] : 0.0005; sc = M[2] > 0 ? M[2] : 0.0005;
    rw = M[4] / sw; rc = M[5] / sc;
    printf "%-32s %6.1f MB  sutools %6.3f s (cpu %6.3f) %6.0f MB/s %5.1f MB | python %6.2f s (cpu %5.2f) %5.1f MB | %4.0fx (cpu %4.0fx) %s\n",
      l, b / 1e6, M[1], M[2], b / 1e6 / sw, M[3] / 1024, M[4], M[5], M[6] / 1024, rw, rc,
      (rw >= target ? "meets " target "x" : "BELOW " target "x") }'
}

# only_su LABEL INPUT SU_CMD: the sutools side alone (no python counterpart).
only_su() {
  local label=$1 input=$2 su_cmd=$3 bytes su
  bytes=$(stat -c %s "$input")
  su=$(measure "$BENCH_RUNS" "$input" "$su_cmd")
  awk -v l="$label" -v b="$bytes" -v s="$su" 'BEGIN { split(s, S, " ");
    sw = S[1] > 0 ? S[1] : 0.0005; sc = S[2] > 0 ? S[2] : 0.0005;
    printf "%-32s %6.1f MB  sutools %6.3f s (cpu %6.3f) %6.0f MB/s (cpu %6.0f MB/s) %5.1f MB\n",
      l, b / 1e6, S[1], S[2], b / 1e6 / sw, b / 1e6 / sc, S[3] / 1024 }'
}
