#!/usr/bin/env bash
# su-bisect against the targets of issue 11, with a fake runner
# (bench/bisect-fake-runner.cpp: a C++ program, so the numbers are about
# the search, not python's start-up). Every trial is the real thing:
# su-bisect reads a run in which the victim failed, spawns the runner for
# each probe (sh -c, a temporary list file, the runner's subunit decoded)
# and decides. Prints, per scenario, how often it named the right culprit,
# how often a wrong one, its other verdicts, and the runner calls used.
#
# Scenarios (300 candidates, the culprit at a random place, the victim
# failing with probability p when the culprit ran before it):
#   p = 1    every trial right, at most 2*log2(300)+10 = 26.5 calls
#   p = 0.5  >= 95% right, median calls < 100
#   p = 0.2  >= 95% right, median calls < 250
#   every p: at most 1 wrong culprit in 40
#   a pair needed together (p = 1): both named, verdict "culprits"
#   a victim failing on its own half the time: "alone", never a culprit
# and, beyond the issue, three tests needed together (p = 1).
# Then the same fake scenarios under `stestr run --analyze-isolation`
# (stestr runs the fake runner through $PYTHON), and su-bisect on the real
# sample project (python -m subunit.run) naming its order-dependent pair.
#
#   bench/bench-bisect.sh            # 40 trials each (several minutes)
#   TRIALS=10 STESTR_TRIALS=3 bench/bench-bisect.sh   # a quick look
# BENCH_JOBS (default 2) trials run at once.
source "$(dirname "$0")/lib.sh"

TRIALS=${TRIALS:-40}
STESTR_TRIALS=${STESTR_TRIALS:-10}
BENCH_JOBS=${BENCH_JOBS:-2}
N=300
FAKE=$OUT/bisect-fake-runner
WORK=$OUT/bisect
mkdir -p "$WORK"
[ -x "$BUILD/tools/su-bisect" ] || { echo "bench: build su-bisect first (ninja -C build)" >&2; exit 2; }
c++ -std=c++20 -O2 -I"$ROOT/src" "$BENCH_DIR/bisect-fake-runner.cpp" "$BUILD/src/libsutools.a" \
  $(pkg-config --libs libzstd protobuf) -o "$FAKE"

# The culprit(s) of trial T: spread over the candidates, the same every time.
culprit_of() { printf 'bench.t%03d' $(( ($1 * 7919 + 13) % N )); }
second_of() { printf 'bench.t%03d' $(( ($1 * 104729 + 151) % N )); }
third_of() { printf 'bench.t%03d' $(( ($1 * 53 + 77) % N )); }

# one_trial SCENARIO T P F: one su-bisect run; prints a JSON line with the
# expected culprits added.
one_trial() {
  local scenario=$1 t=$2 p=$3 f=$4 culprits="" run="$WORK/run-$1-$2"
  case $scenario in
    pair) culprits="$(culprit_of "$t"),$(second_of "$t")"
          [ "$(culprit_of "$t")" = "$(second_of "$t")" ] && culprits=$(culprit_of "$t") ;;
    triple) culprits=$(printf '%s\n' "$(culprit_of "$t")" "$(second_of "$t")" "$(third_of "$t")" |
                       sort -u | paste -sd, -) ;;
    alone) culprits="" ;;
    *) culprits=$(culprit_of "$t") ;;
  esac
  # The run su-bisect starts from: one in which the victim failed.
  FAKE_N=$N FAKE_CULPRITS=$culprits FAKE_P=1 FAKE_F=1 "$FAKE" > "$run"
  local json
  json=$(FAKE_N=$N FAKE_CULPRITS=$culprits FAKE_P=$p FAKE_F=$f \
    su-bisect -q --format=json --runner "$FAKE --load-list {list}" "$run")
  rm -f "$run"
  printf '{"scenario": "%s", "expected": "%s", "result": %s}\n' "$scenario" "$culprits" "$json"
}
export -f one_trial culprit_of second_of third_of
export N FAKE WORK

# trials SCENARIO P F COUNT: appends COUNT results to $WORK/results.
trials() {
  seq 1 "$4" | xargs -P "$BENCH_JOBS" -I{} bash -c 'one_trial "$@"' _ "$1" {} "$2" "$3" \
    >> "$WORK/results"
}

: > "$WORK/results"
start=$(date +%s)
trials p1 1 0 "$TRIALS"
trials p0.5 0.5 0 "$TRIALS"
trials p0.2 0.2 0 "$TRIALS"
trials pair 1 0 "$(( TRIALS < 10 ? TRIALS : 10 ))"
trials alone 0 0.5 "$(( TRIALS < 10 ? TRIALS : 10 ))"
trials triple 1 0 "$(( TRIALS < 10 ? TRIALS : 10 ))"
bisect_seconds=$(( $(date +%s) - start ))

python3 - "$WORK/results" "$N" "$bisect_seconds" <<'PY'
import json, math, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
n = int(sys.argv[2])
print(f"su-bisect, {n} candidates, fake runner, real processes ({sys.argv[3]} s in all)")
print(f"{'scenario':<10} {'trials':>6} {'right':>6} {'wrong':>6} {'other verdicts':<28} "
      f"{'median calls':>12} {'max':>5}  target")
targets = {
    "p1": ("right = all, max calls <= %.1f" % (2 * math.log2(n) + 10),
           lambda r, w, t, med, mx: r == t and mx <= 2 * math.log2(n) + 10),
    "p0.5": ("right >= 95%, median < 100, wrong <= 1",
             lambda r, w, t, med, mx: r >= 0.95 * t and med < 100 and w <= 1),
    "p0.2": ("right >= 95%, median < 250, wrong <= 1",
             lambda r, w, t, med, mx: r >= 0.95 * t and med < 250 and w <= 1),
    "pair": ("both named (culprits) every time",
             lambda r, w, t, med, mx: r == t),
    "alone": ("alone every time, never a culprit",
              lambda r, w, t, med, mx: r == t),
    "triple": ("(beyond the issue) all three named, by delta debugging",
               lambda r, w, t, med, mx: r == t),
}
for scenario in ["p1", "p0.5", "p0.2", "pair", "alone", "triple"]:
    rs = [r for r in rows if r["scenario"] == scenario]
    if not rs:
        continue
    right = wrong = 0
    others = {}
    for r in rs:
        res, expected = r["result"], sorted(filter(None, r["expected"].split(",")))
        named = sorted(res["culprits"])
        if scenario == "alone":
            ok = res["verdict"] == "alone"
        else:
            ok = bool(named) and named == expected
        if ok:
            right += 1
        elif named:
            wrong += 1
        else:
            others[res["verdict"]] = others.get(res["verdict"], 0) + 1
    calls = [r["result"]["runs"] for r in rs]
    med, mx = statistics.median(calls), max(calls)
    label, check = targets[scenario]
    other = ", ".join(f"{k} {v}" for k, v in sorted(others.items())) or "-"
    verdict = "met" if check(right, wrong, len(rs), med, mx) else "MISSED"
    print(f"{scenario:<10} {len(rs):>6} {right:>6} {wrong:>6} {other:<28} {med:>12g} {mx:>5}  "
          f"{label}: {verdict}")
PY

# The same scenarios under stestr's --analyze-isolation: one probe per
# step of a plain bisection. stestr runs "$PYTHON -m stestr.subunit_runner.run
# discover ..." with --load-list; $PYTHON is the fake runner, which ignores
# the rest.
if command -v stestr >/dev/null && [ "$STESTR_TRIALS" -gt 0 ]; then
  echo
  echo "stestr run --analyze-isolation on the same fake scenarios ($STESTR_TRIALS trials each)"
  printf '%-10s %6s %6s %6s %-22s %12s\n' scenario trials right wrong "no conflicts/other" "median calls"
  proj=$WORK/stestr-project
  for p in 1 0.5 0.2; do
    right=0 wrong=0 other=0 calls=()
    for t in $(seq 1 "$STESTR_TRIALS"); do
      rm -rf "$proj" && mkdir -p "$proj/tests"
      printf '[DEFAULT]\ntest_path=./tests\ntop_dir=./\n' > "$proj/.stestr.conf"
      culprit=$(culprit_of "$t")
      (
        cd "$proj" || exit 1
        export PYTHON=$FAKE FAKE_N=$N FAKE_CULPRITS=$culprit FAKE_P=$p
        stestr init > /dev/null
        # A stored run in which the victim failed (stestr's starting point).
        for k in $(seq 1 30); do
          if ! stestr run --serial > /dev/null 2>&1; then break; fi
        done
        echo "$k" > "$proj/reproduce-runs"
        stestr run --serial --analyze-isolation > "$proj/analysis" 2>&1 || true
      )
      cause=$(awk '$1 == "bench.victim" {print $2}' "$proj/analysis" | tail -n1)
      # Runs stored after the failing one: the isolation run and the probes.
      runs=$(ls "$proj/.stestr" | grep -cE '^[0-9]+$')
      calls+=("$(( runs - $(cat "$proj/reproduce-runs") ))")
      if [ "$cause" = "$culprit" ]; then right=$((right + 1))
      elif [[ "$cause" == bench.t* ]]; then wrong=$((wrong + 1))
      else other=$((other + 1)); fi
    done
    median=$(printf '%s\n' "${calls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-10s %6s %6s %6s %-22s %12s\n' "p$p" "$STESTR_TRIALS" "$right" "$wrong" "$other" "$median"
  done
  echo "(calls: the runs --analyze-isolation made, the victim alone first; not counting the"
  echo " 'stestr run's it took to get a stored run in which the victim failed)"
fi

# The real sample project: test_order_b fails when test_order_a ran
# before it in the same process.
echo
echo "su-bisect on the sample project (python -m subunit.run, a real run from the corpus)"
project=$CORPUS/sample-project
victim=sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache
sample_start=$(date +%s)
su-bisect -q --test "$victim" \
  --runner "cd '$project' && PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -m subunit.run {ids}" \
  "$CORPUS/real-direct-run/input.v2" > "$WORK/sample.txt" || true
grep -E '^(Candidates|Runs|Verdict|Culprit)' "$WORK/sample.txt"
echo "($(( $(date +%s) - sample_start )) s)"
