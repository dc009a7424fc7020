#!/usr/bin/env bash
# su-bisect --suspects-from: runner calls with and without a run history,
# on bench-bisect.sh's scenarios (300 candidates, one culprit making the
# victim fail with probability p = 1, 0.5, 0.2 when it ran before it; the
# fake runner bench/bisect-fake-runner.cpp, real processes). For each trial
# three searches on the same run:
#   uniform     no history
#   good        a history in which the victim failed (at the same p) after
#               the culprit, when the culprit ran before it on its worker
#   misleading  the same, but a different test was the culprit back then
# Histories are HIST_RUNS runs (default 40) of the 300 tests dealt at
# random between two workers, the victim last on worker-0, written as a
# .stestr directory and read in place. Prints, per scenario and history,
# the right and wrong verdicts and the median and largest runner calls.
#
# With SIM_TRIALS=K it then runs bench/bisect-prior-sim.cpp: the search
# in process (no runner processes), K trials each, a test weighted
# SIM_CAP (default 100, the cap) outright: the culprit, or a wrong one.
#
#   bench/bench-bisect-history.sh                  # 10 trials each (about 2 minutes)
#   TRIALS=4 bench/bench-bisect-history.sh         # a quick look
#   TRIALS=0 SIM_TRIALS=40 bench/bench-bisect-history.sh   # the simulation only (about 4 minutes)
source "$(dirname "$0")/lib.sh"

TRIALS=${TRIALS:-10}
SIM_TRIALS=${SIM_TRIALS:-0}
SIM_CAP=${SIM_CAP:-100}
HIST_RUNS=${HIST_RUNS:-40}
BENCH_JOBS=${BENCH_JOBS:-2}
N=300
FAKE=$OUT/bisect-fake-runner
WORK=$OUT/bisect-history
mkdir -p "$WORK"
[ -x "$BUILD/tools/su-bisect" ] || { echo "bench: build su-bisect first (ninja -C build)" >&2; exit 2; }
c++ -std=c++20 -O2 -I"$ROOT/src" "$BENCH_DIR/bisect-fake-runner.cpp" "$BUILD/src/libsutools.a" \
  $(pkg-config --libs libzstd protobuf) -o "$FAKE"

culprit_of() { printf 'bench.t%03d' $(( ($1 * 7919 + 13) % N )); }
wrong_of() { printf 'bench.t%03d' $(( ($1 * 7919 + 13 + 1 + ($1 * 104729) % (N - 1)) % N )); }

# history DIR CULPRIT P SEED: a .stestr directory of HIST_RUNS runs.
history() {
  /usr/bin/python3 - "$@" "$HIST_RUNS" "$N" <<'PY'
import os, random, sys
from subunit import StreamResultToBytes
d, culprit, p, seed, runs, n = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), \
    int(sys.argv[5]), int(sys.argv[6])
rng = random.Random(seed)
tests = ["bench.t%03d" % i for i in range(n)]
os.makedirs(d, exist_ok=True)
open(os.path.join(d, "format"), "w").write("1\n")
open(os.path.join(d, "next-stream"), "w").write("%d\n" % runs)
for run in range(runs):
    workers = [rng.randrange(2) for _ in tests]
    with open(os.path.join(d, str(run)), "wb") as f:
        out = StreamResultToBytes(f)
        for w in (1, 0):
            for t, tw in zip(tests, workers):
                if tw != w: continue
                out.status(test_id=t, test_status="inprogress", test_tags={"worker-%d" % w})
                out.status(test_id=t, test_status="success", test_tags={"worker-%d" % w})
        after = workers[tests.index(culprit)] == 0
        failed = after and rng.random() < p
        out.status(test_id="bench.victim", test_status="inprogress", test_tags={"worker-0"})
        out.status(test_id="bench.victim", test_status="fail" if failed else "success",
                   test_tags={"worker-0"})
PY
}

# one_trial P T: the three searches; one JSON line each.
one_trial() {
  local p=$1 t=$2 culprit wrong run="$WORK/run-$1-$2"
  culprit=$(culprit_of "$t")
  wrong=$(wrong_of "$t")
  FAKE_N=$N FAKE_CULPRITS=$culprit FAKE_P=1 "$FAKE" > "$run"
  history "$WORK/good-$p-$t" "$culprit" "$p" "$t"
  history "$WORK/misleading-$p-$t" "$wrong" "$p" "$t"
  for mode in uniform good misleading; do
    local from=()
    [ $mode = uniform ] || from=(--suspects-from "$WORK/$mode-$p-$t")
    local json
    json=$(FAKE_N=$N FAKE_CULPRITS=$culprit FAKE_P=$p \
      su-bisect -q --format=json "${from[@]}" --runner "$FAKE --load-list {list}" "$run" 2>/dev/null)
    printf '{"p": %s, "mode": "%s", "expected": "%s", "result": %s}\n' "$p" "$mode" "$culprit" "$json"
  done
  rm -rf "$run" "$WORK/good-$p-$t" "$WORK/misleading-$p-$t"
}
export -f one_trial history culprit_of wrong_of
export N FAKE WORK HIST_RUNS

: > "$WORK/results"
start=$(date +%s)
for p in 1 0.5 0.2; do
  seq 1 "$TRIALS" | xargs -P "$BENCH_JOBS" -I{} bash -c 'one_trial "$@"' _ "$p" {} >> "$WORK/results"
done
[ "$TRIALS" -gt 0 ] && python3 - "$WORK/results" "$N" "$HIST_RUNS" "$(( $(date +%s) - start ))" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"su-bisect --suspects-from, {sys.argv[2]} candidates, histories of {sys.argv[3]} runs, "
      f"fake runner, real processes ({sys.argv[4]} s in all)")
print(f"{'p':<5} {'history':<11} {'trials':>6} {'right':>6} {'wrong':>6} {'median calls':>12} "
      f"{'max':>5}  {'vs uniform':>10}")
for p in (1, 0.5, 0.2):
    base = None
    for mode in ("uniform", "good", "misleading"):
        rs = [r for r in rows if r["p"] == p and r["mode"] == mode]
        if not rs: continue
        right = sum(r["result"]["culprits"] == [r["expected"]] for r in rs)
        wrong = sum(bool(r["result"]["culprits"]) and r["result"]["culprits"] != [r["expected"]]
                    for r in rs)
        calls = [r["result"]["runs"] for r in rs]
        med = statistics.median(calls)
        if base is None: base = med
        print(f"{p:<5g} {mode:<11} {len(rs):>6} {right:>6} {wrong:>6} {med:>12g} {max(calls):>5}"
              f"  {med / base:>9.2f}x")
PY

if [ "$SIM_TRIALS" -gt 0 ]; then
  c++ -std=c++20 -O2 -I"$ROOT/src" "$BENCH_DIR/bisect-prior-sim.cpp" "$BUILD/src/libsutools.a" \
    $(pkg-config --libs libzstd protobuf) -o "$OUT/bisect-prior-sim"
  echo
  echo "in process: one test weighted $SIM_CAP outright ($SIM_TRIALS trials each)"
  "$OUT/bisect-prior-sim" "$SIM_CAP" "$SIM_TRIALS" 1 0.5 0.2
fi
