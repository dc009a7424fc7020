#!/usr/bin/env bash
# su-archive on PostgreSQL beside the local archive (issue 14).
# Usage: bench/bench-pg.sh [RUNS]
#
# 1. `add` of a 100,000-test v2 stream: PostgreSQL (target: under 2 s)
#    and the local archive.
# 2. RUNS (default 1000) runs of 10,000 tests in each store, then `history`
#    of one test (target under 50 ms), `failing` of a run (under 100 ms) and
#    `list` (under 100 ms) on both, side by side. Every run is a real
#    `su-archive add` (the COPY path): ten generated streams (gen-bench.py
#    seeds 1..10) added RUNS/10 times each with different metadata, the
#    PostgreSQL and the local fills running at the same time.
#
# The server is $SU_TEST_PG if set (the script makes a database of its own
# there and drops it), else a throwaway one from tests/pg/start-server.sh,
# stopped at the end. That cluster runs with fsync and synchronous_commit
# off (it is thrown away); on a durable server the add's commit also waits
# for its WAL to reach the disk (su-archive(5), "Durability"). Times are
# medians from measure.py: $BENCH_RUNS runs each, but 3 for the add of new
# test ids (each needs a fresh database). "cpu" is the client's user +
# system time only: the server's share of the work is in the wall time.
source "$(dirname "$0")/lib.sh"
need psql "apt-get install postgresql"
runs=${1:-1000}
work=$OUT/pg-bench
rm -rf "$work" && mkdir -p "$work"

started=""
if [ -z "${SU_TEST_PG:-}" ]; then
  eval "$("$ROOT/tests/pg/start-server.sh")"
  started=$SU_TEST_PG_DIR
fi
db=su_bench_$$
psql "$SU_TEST_PG" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db" >/dev/null
cleanup() {
  psql "$SU_TEST_PG" -qX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  [ -z "$started" ] || "$ROOT/tests/pg/stop-server.sh" "$started"
}
trap cleanup EXIT
pg=$(printf '%s' "$SU_TEST_PG" | sed -E "s#^(postgres(ql)?://[^/?]*)/?[^?]*#\1/$db#")

row() {  # row LABEL TARGET "WALL CPU KIB" ["WALL CPU KIB" of the local archive]
  awk -v l="$1" -v t="$2" -v m="$3" -v o="${4:-}" 'BEGIN { split(m, M, " ");
    line = sprintf("%-38s %7.3f s (cpu %6.3f s) %6.1f MB RSS", l, M[1], M[2], M[3] / 1024);
    if (o != "") { split(o, O, " "); line = line sprintf(" | local %7.3f s (cpu %6.3f s)", O[1], O[2]) }
    if (t != "") line = line sprintf("  (target < %s s: %s)", t, M[1] < t ? "met" : "MISSED");
    print line }'
}

echo "== add: 100,000 tests"
big=$(stream 100000 v2)
su-archive --archive "$pg" init 2>/dev/null
su-archive --archive "$work/add100k" init 2>/dev/null
# Each measured add is a new run. New test ids: a fresh database each time
# (the median of 3); known ids: the same stream again.
fresh() {
  psql "$SU_TEST_PG" -qX -c "DROP DATABASE $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  su-archive --archive "$pg" init 2>/dev/null
}
firsts=()
for _ in 1 2 3; do
  fresh
  firsts+=("$(measure 1 "$big" "su-archive --archive '$pg' add -")")
done
first=$(printf '%s\n' "${firsts[@]}" | sort -n | sed -n 2p)
again=$(measure "$BENCH_RUNS" "$big" "su-archive --archive '$pg' add -")
local_add=$(measure "$BENCH_RUNS" "$big" "su-archive --archive '$work/add100k' add -")
row "add 100k, new test ids (PostgreSQL)" 2 "$first"
row "add 100k, known test ids (PostgreSQL)" 2 "$again" "$local_add"
psql "$SU_TEST_PG" -qX -c "DROP DATABASE $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null

echo "== $runs runs x 10,000 tests"
for seed in $(seq 1 10); do
  [ -s "$OUT/bench-10000-seed$seed.v2" ] ||
    /usr/bin/python3 "$CORPUS/gen-bench.py" 10000 --seed "$seed" -o "$OUT/bench-10000-seed$seed.v2"
done
arch=$work/local
su-archive --archive "$pg" init 2>/dev/null
su-archive --archive "$arch" init 2>/dev/null
fill() {  # fill STORE: adds runs 0..RUNS-1
  local i
  for ((i = 0; i < runs; ++i)); do
    su-archive --archive "$1" add --meta "commit=c$i" --meta branch=main \
      "$OUT/bench-10000-seed$((i % 10 + 1)).v2" >/dev/null || return 1
  done
}
start=$(date +%s.%N)
fill "$pg" & pg_fill=$!
fill "$arch" & local_fill=$!
wait $pg_fill || { echo "filling PostgreSQL failed"; exit 1; }
wait $local_fill || { echo "filling the local archive failed"; exit 1; }
awk -v s="$start" -v e="$(date +%s.%N)" -v n="$runs" 'BEGIN {
  printf "(filling both took %.0f s: %.2f s per pair of 10k-test adds)\n", e - s, (e - s) / n }'
echo "results on the server: $(psql "$pg" -qXAt -c 'SELECT count(*) FROM su_results')"
# What autovacuum does soon after a load (statistics, the visibility map that
# lets history read su_results_test alone), done now so that it does not run
# beside the timings.
psql "$pg" -qX -c "VACUUM (ANALYZE) su_runs, su_tests, su_results, su_streams" >/dev/null
test_id=$(su-archive --archive "$pg" failing 0 --format=ids | head -1 || true)
# What every query pays before it asks anything: starting su-archive (its
# shared libraries, libpq's among them), then connecting.
row "process start (su-archive --version)" "" "$(measure "$BENCH_RUNS" /dev/null "su-archive --version")"
for q in "history '$test_id'|0.05" "failing last|0.1" "failing 0|0.1" "list|0.1" "list --format=json|0.1"; do
  cmd=${q%|*} target=${q#*|}
  p=$(measure "$BENCH_RUNS" /dev/null "su-archive --archive '$pg' $cmd")
  l=$(measure "$BENCH_RUNS" /dev/null "su-archive --archive '$arch' $cmd")
  row "${cmd/\'*\'/TEST} ($runs runs)" "$target" "$p" "$l"
done
su-archive --archive "$pg" history "$test_id" > "$work/pg.history"
su-archive --archive "$arch" history "$test_id" > "$work/local.history"
echo "history answers $(($(wc -l < "$work/pg.history") - 1)) rows for $test_id;" \
  "same as the local archive's: $(cmp -s "$work/pg.history" "$work/local.history" && echo yes || echo NO)"
awk -v s="$(psql "$pg" -qXAt -c 'SELECT pg_database_size(current_database())')" \
    -v u="$(du -sb "$arch" | cut -f1)" -v n="$runs" 'BEGIN {
  printf "stored: PostgreSQL %.1f MB (%.2f MB per run), local archive %.1f MB (%.2f MB per run)\n",
    s / 1e6, s / n / 1e6, u / 1e6, u / n / 1e6 }'
