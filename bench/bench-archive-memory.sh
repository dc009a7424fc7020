#!/usr/bin/env bash
# su-archive on a 1,000,000-test run (issue 15): `add` into a fresh
# archive, a second `add` of the same run (every id already known), then
# `failing`, `slowest`, `history TEST` and `list` on the archive: best wall
# time of BENCH_RUNS, its CPU (user+sys) and peak RSS, against the 64 MB
# the archive must stay under. Usage: bench/bench-archive-memory.sh [N]
# (N tests, default 1000000). With SU_BASELINE=path/to/su-archive (another
# build, e.g. main's), the same is measured for it and the ratios printed.
source "$(dirname "$0")/lib.sh"
n=${1:-1000000}
big=$(stream "$n" v2)
work=$OUT/archive-memory
mkdir -p "$work"
BENCH_RUNS=${BENCH_RUNS:-3}

# best CMD: the best of BENCH_RUNS as "WALL CPU KIB"; `prep` runs before each.
best() {
  local cmd=$1 prep=${2:-true} line out=""
  for _ in $(seq "$BENCH_RUNS"); do
    bash -c "$prep" >/dev/null 2>&1
    /usr/bin/time -o "$work/.time" -f '%e %U %S %M' bash -c "$cmd" >/dev/null 2>&1 || true
    line=$(tail -1 "$work/.time" | awk '{ printf "%.2f %.2f %d", $1, $2 + $3, $4 }')
    if [ -z "$out" ] || awk "BEGIN{exit !(${line%% *} < ${out%% *})}"; then out=$line; fi
  done
  echo "$out"
}

measure_all() {  # measure_all SU-ARCHIVE LABEL
  local sa=$1 arch=$work/arch-$2 t
  local fresh="rm -rf '$arch' && '$sa' --archive '$arch' init"
  echo "add (fresh)      $(best "'$sa' --archive '$arch' add '$big'" "$fresh")"
  rm -rf "$arch" && "$sa" --archive "$arch" init 2>/dev/null && "$sa" --archive "$arch" add "$big" >/dev/null
  echo "add (ids known)  $(best "'$sa' --archive '$arch' add '$big' && '$sa' --archive '$arch' remove last")"
  t=$("$sa" --archive "$arch" failing --format=ids | head -1 || true)
  echo "failing          $(best "'$sa' --archive '$arch' failing")"
  echo "slowest          $(best "'$sa' --archive '$arch' slowest")"
  echo "history TEST     $(best "'$sa' --archive '$arch' history '$t'")"
  echo "list             $(best "'$sa' --archive '$arch' list")"
}

report() {  # report FILE: the table, and whether each is within 64 MB
  awk '{ label = substr($0, 1, 17); split(substr($0, 18), M, " ");
         printf "%-17s %7.2f s wall %7.2f s cpu %8.1f MB peak RSS  %s\n", label, M[1], M[2], M[3] / 1024,
                M[3] <= 65536 ? "(<= 64 MB)" : "(OVER 64 MB)" }' "$1"
}

echo "== su-archive, $n tests ($(stat -L -c %s "$big") bytes of v2)"
measure_all "$BUILD/tools/su-archive" new > "$work/new.txt"
report "$work/new.txt"
if [ -n "${SU_BASELINE:-}" ]; then
  echo "== baseline: $SU_BASELINE"
  measure_all "$SU_BASELINE" base > "$work/base.txt"
  report "$work/base.txt"
  echo "== ratios (baseline / this build)"
  paste -d'|' "$work/base.txt" "$work/new.txt" | awk -F'|' '{
    label = substr($1, 1, 17); split(substr($1, 18), B, " "); split(substr($2, 18), N, " ");
    if (N[1] > 0 && N[2] > 0) printf "%-17s %5.1fx wall %5.1fx cpu %6.1fx memory\n", label, B[1] / N[1], B[2] / N[2], B[3] / N[3] }'
fi
rm -rf "$work"/arch-*
