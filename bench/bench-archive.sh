#!/usr/bin/env bash
# su-archive against stestr (issue 7). Usage: bench/bench-archive.sh [RUNS]
#
# 1. `su-archive add` of a 100,000-test v2 stream vs `stestr load` of the
#    same stream into a fresh repository: wall time, CPU time, peak RSS.
# 2. An archive of RUNS (default 1000) runs of 10,000 tests: `list`,
#    `failing`, `slowest` and `history TEST` timed and their peak RSS
#    compared at RUNS/10 runs and at RUNS runs (memory must not grow).
#    Fast path: ten 10,000-test streams (gen-bench.py seeds 1..10) are each
#    added RUNS/10 times, with different metadata, two `add`s at a time;
#    every run is a real `add`.
# 3. Stored size: the archive against stestr's repository for the same
#    runs. stestr stores each run as the subunit-2to1 form of its input (the
#    byte counts match), so its repository is measured for a few real
#    `stestr load`s and the per-run size applied to RUNS.
source "$(dirname "$0")/lib.sh"
need stestr "apt-get install python3-stestr"
runs=${1:-1000}
work=$OUT/archive-bench
rm -rf "$work" && mkdir -p "$work"

# cpu_measure RUNS CMD: best wall time, its CPU (user+sys) and peak RSS (KiB).
cpu_measure() {
  local n=$1 cmd=$2 best="" line t
  for _ in $(seq "$n"); do
    /usr/bin/time -o "$work/.time" -f '%e %U %S %M' bash -c "$cmd" >/dev/null 2>&1 || true
    line=$(tail -1 "$work/.time")
    t=${line%% *}
    if [ -z "$best" ] || awk "BEGIN{exit !($t < ${best%% *})}"; then best=$line; fi
  done
  echo "$best"
}

row() {  # row LABEL "WALL USER SYS KIB"
  awk -v l="$1" -v m="$2" 'BEGIN { split(m, M, " ");
    printf "%-44s %8.3f s wall %8.3f s cpu %8.1f MB RSS\n", l, M[1], M[2] + M[3], M[4] / 1024 }'
}

echo "== add: 100,000 tests"
big=$(stream 100000 v2)
mkdir -p "$work/stestr100k" && (cd "$work/stestr100k" && printf '[DEFAULT]\ntest_path=.\n' > .stestr.conf && stestr init >/dev/null)
st=$(cpu_measure "$PY_RUNS" "cd '$work/stestr100k' && stestr load < '$big'")
su=$(cpu_measure "$BENCH_RUNS" "rm -rf '$work/su100k' && su-archive --archive '$work/su100k' init && su-archive --archive '$work/su100k' add '$big'")
row "stestr load (100k)" "$st"
row "su-archive init + add (100k)" "$su"
awk -v s="$st" -v u="$su" 'BEGIN { split(s, S, " "); split(u, U, " ");
  printf "add vs stestr load: %.1fx faster (wall), %.1fx less CPU, %.1f%% of its peak RSS\n",
    S[1] / U[1], (S[2] + S[3]) / (U[2] + U[3]), 100 * U[4] / S[4] }'
stestr_size=$(du -sb "$work/stestr100k/.stestr" | cut -f1)
su_size=$(du -sb "$work/su100k" | cut -f1)
awk -v s="$stestr_size" -v u="$su_size" 'BEGIN {
  printf "stored (one 100k run): stestr %.1f MB, su-archive %.1f MB (%.1f%%)\n", s / 1e6, u / 1e6, 100 * u / s }'

echo "== archive of $runs runs x 10,000 tests"
for seed in $(seq 1 10); do
  [ -s "$OUT/bench-10000-seed$seed.v2" ] ||
    /usr/bin/python3 "$CORPUS/gen-bench.py" 10000 --seed "$seed" -o "$OUT/bench-10000-seed$seed.v2"
done
arch=$work/su1000
su-archive --archive "$arch" init 2>/dev/null
fill() {  # fill FROM TO: add runs FROM..TO-1, two processes at a time
  local i
  for ((i = $1; i < $2; i += 2)); do
    su-archive --archive "$arch" add --meta "commit=c$i" --meta branch=main \
      "$OUT/bench-10000-seed$((i % 10 + 1)).v2" >/dev/null &
    su-archive --archive "$arch" add --meta "commit=c$((i + 1))" --meta branch=main \
      "$OUT/bench-10000-seed$(((i + 1) % 10 + 1)).v2" >/dev/null
    wait
  done
}
su-archive --archive "$arch" add "$OUT/bench-10000-seed1.v2" >/dev/null
test_id=$(su-archive --archive "$arch" failing --format=ids | head -1 || true)
queries() {  # queries N: time every query on the archive as it stands
  local n=$1
  row "list ($n runs)" "$(cpu_measure "$BENCH_RUNS" "su-archive --archive '$arch' list")"
  row "list --format=json ($n runs)" "$(cpu_measure "$BENCH_RUNS" "su-archive --archive '$arch' list --format=json")"
  row "failing ($n runs)" "$(cpu_measure "$BENCH_RUNS" "su-archive --archive '$arch' failing")"
  row "slowest ($n runs)" "$(cpu_measure "$BENCH_RUNS" "su-archive --archive '$arch' slowest")"
  row "history TEST ($n runs)" "$(cpu_measure "$BENCH_RUNS" "su-archive --archive '$arch' history '$test_id'")"
}
start=$(date +%s)
fill 1 $((runs / 10))
queries "$(su-archive --archive "$arch" list --format=json | grep -c '"id"' || true)"
fill $((runs / 10)) "$runs"
echo "(filling took $(($(date +%s) - start)) s)"
n=$(su-archive --archive "$arch" list --format=json | grep -c '"id"' || true)
queries "$n"
echo "history answers: $(su-archive --archive "$arch" history "$test_id" | tail -n +2 | wc -l) rows for $test_id"

echo "== stored size"
mkdir -p "$work/stestr10k" && (cd "$work/stestr10k" && printf '[DEFAULT]\ntest_path=.\n' > .stestr.conf && stestr init >/dev/null)
for seed in 1 2 3; do (cd "$work/stestr10k" && stestr load < "$OUT/bench-10000-seed$seed.v2" >/dev/null 2>&1); done
st3=$(du -sb "$work/stestr10k/.stestr" | cut -f1)
su_all=$(du -sb "$arch" | cut -f1)
awk -v s="$st3" -v u="$su_all" -v n="$n" 'BEGIN {
  printf "stestr repository, 3 runs of 10k: %.2f MB (%.2f MB per run)\n", s / 1e6, s / 3e6;
  printf "su-archive, %d runs of 10k: %.1f MB (%.3f MB per run): %.1f%% of stestr per run\n",
    n, u / 1e6, u / n / 1e6, 100 * (u / n) / (s / 3) }'
