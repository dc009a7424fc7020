#!/usr/bin/env bash
# su-archive flaky and suspects on a long history (issue 12).
# Usage: bench/bench-flaky.sh [RUNS] [TESTS]   (default 1000 runs of 10,000 tests)
#
# bench/flaky-gen.cpp writes each run as a v2 stream, planted with five
# flaky tests of known failure rates, a test broken from run 800, an
# infrastructure-failure run (500) and an interfering pair (the victim fails
# with probability 0.9 after the polluter on its worker, 0.01 otherwise;
# tests reshuffled between four workers every run). Every run is a real
# `su-archive add --meta commit=...` (a commit every five runs). Archives
# are cached under build/bench-flaky/ (delete it to rebuild).
#
# Prints: the time (best of $BENCH_RUNS) and peak RSS of `flaky` and
# `suspects VICTIM` at RUNS/10 runs and at RUNS runs (memory must not grow
# with runs; targets: under 1 s each at RUNS), then the checks: every
# planted flaky test's true rate inside its Wilson interval, the broken test
# broken since run 800, the infrastructure run left out, the polluter
# ranked first.
source "$(dirname "$0")/lib.sh"
runs=${1:-1000}
tests=${2:-10000}
small=$((runs / 10))
cache=$BUILD/bench-flaky
mkdir -p "$cache"
gen=$cache/flaky-gen
if [ ! -x "$gen" ] || [ "$BENCH_DIR/flaky-gen.cpp" -nt "$gen" ]; then
  g++ -O2 -std=c++20 -o "$gen" "$BENCH_DIR/flaky-gen.cpp"
fi

# archive N: an archive of runs 0..N-1, built once.
archive() {
  local n=$1 dir=$cache/archive-$1-$tests
  if [ "$(cat "$dir/.complete" 2>/dev/null)" != "$n" ]; then
    rm -rf "$dir"
    su-archive --archive "$dir" init >/dev/null 2>&1
    local start=$SECONDS
    for ((r = 0; r < n; r++)); do
      "$gen" "$r" "$tests" | su-archive --archive "$dir" add --meta "commit=c$((r / 5))" - >/dev/null
      if ((r % 100 == 99)); then echo "  built $((r + 1)) of $n runs ($((SECONDS - start)) s)" >&2; fi
    done
    echo "$n" > "$dir/.complete"
  fi
  echo "$dir"
}

# cpu CMD: the least user+sys CPU seconds of $BENCH_RUNS runs. On a shared
# machine the wall time includes waiting for a core; this does not.
cpu() {
  local best="" t
  for _ in $(seq "$BENCH_RUNS"); do
    /usr/bin/time -o "$cache/.cpu" -f '%U %S' $1 >/dev/null 2>&1
    t=$(tail -1 "$cache/.cpu" | awk '{ print $1 + $2 }')
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}

victim=$("$gen" --truth | awk '$1 == "victim" { print $2 }')
polluter=$("$gen" --truth | awk '$1 == "polluter" { print $2 }')

echo "== flaky and suspects: $tests tests, $small and $runs runs"
for n in "$small" "$runs"; do
  dir=$(archive "$n")
  f=$(measure "$BENCH_RUNS" /dev/null "su-archive --archive $dir flaky")
  s=$(measure "$BENCH_RUNS" /dev/null "su-archive --archive $dir suspects $victim")
  fc=$(cpu "su-archive --archive $dir flaky")
  sc=$(cpu "su-archive --archive $dir suspects $victim")
  awk -v n="$n" -v f="$f" -v s="$s" -v t="$tests" -v fc="$fc" -v sc="$sc" 'BEGIN {
    split(f, F, " "); split(s, S, " ");
    printf "%5d runs (%9d results): flaky %6.3f s wall %6.3f s cpu %6.1f MB RSS | suspects %6.3f s wall %6.3f s cpu %6.1f MB RSS\n",
      n, n * t, F[1], fc, F[2] / 1024, S[1], sc, S[2] / 1024 }'
  eval "rss_$n=\"${f#* } ${s#* }\""
  eval "time_$n=\"${f%% *} ${s%% *}\""
  eval "cpu_$n=\"$fc $sc\""
done
read -r fcpu scpu <<< "$(eval echo "\$cpu_$runs")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall time includes waiting for one)"
read -r fs ss <<< "$(eval echo "\$time_$runs")"
read -r fm_small sm_small <<< "$(eval echo "\$rss_$small")"
read -r fm sm <<< "$(eval echo "\$rss_$runs")"
awk -v f="$fs" -v s="$ss" -v fc="$fcpu" -v sc="$scpu" 'BEGIN {
  printf "target under 1 s (wall): flaky %s, suspects %s; in CPU time: flaky %s, suspects %s\n",
    (f < 1 ? "met" : "MISSED"), (s < 1 ? "met" : "MISSED"), (fc < 1 ? "met" : "MISSED"), (sc < 1 ? "met" : "MISSED") }'
awk -v a="$fm_small" -v b="$fm" -v c="$sm_small" -v d="$sm" -v n="$small" -v m="$runs" 'BEGIN {
  printf "peak RSS %d -> %d runs: flaky %.2fx, suspects %.2fx (1.00x: does not grow with runs)\n",
    n, m, b / a, d / c }'

echo "== what the history says ($runs runs)"
dir=$(archive "$runs")
su-archive --archive "$dir" flaky --format=json > "$cache/flaky.json" 2> "$cache/flaky.err"
su-archive --archive "$dir" suspects --format=json "$victim" > "$cache/suspects.json" 2> "$cache/suspects.err"
"$gen" --truth > "$cache/truth.txt"
/usr/bin/python3 - "$cache" <<'PY'
import json, sys
cache = sys.argv[1]
flaky = {r["id"]: r for r in json.load(open(cache + "/flaky.json"))}
truth = [l.split() for l in open(cache + "/truth.txt")]
ok = True
def check(good, text):
    global ok
    ok = ok and good
    print("%-4s %s" % ("ok" if good else "FAIL", text))
for kind, *rest in truth:
    if kind == "flaky":
        tid, rate = rest[0], float(rest[1])
        r = flaky.get(tid)
        good = r is not None and r["low"] <= rate <= r["high"] and r["class"] == "flaky"
        check(good, "%s: true rate %.2f, measured %s" % (tid, rate,
              "%.3f [%.3f, %.3f] %s" % (r["rate"], r["low"], r["high"], r["class"]) if r else "missing"))
    elif kind == "broken":
        tid, since = rest[0], int(rest[1])
        r = flaky.get(tid)
        check(r is not None and r["class"] == "broken" and r["first_failure"] == since,
              "%s: broken since run %d (%s)" % (tid, since, r and (r["class"], r["first_failure"])))
    elif kind == "infrastructure":
        err = open(cache + "/flaky.err").read()
        check("left out as infrastructure failures" in err and ": " + rest[0] in err,
              "run %s left out as an infrastructure failure: %s" % (rest[0], err.strip()))
    elif kind == "polluter":
        suspects = json.load(open(cache + "/suspects.json"))
        top = suspects[0] if suspects else None
        check(top is not None and top["id"] == rest[0] and top["q_value"] < 0.05,
              "polluter %s ranked first (%s)" % (rest[0], top and "p=%.3g q=%.3g odds=%s, %d/%d after it, %d/%d without" % (
                  top["p_value"], top["q_value"], top["odds_ratio"], top["before_failed"],
                  top["before_failed"] + top["before_passed"], top["absent_failed"],
                  top["absent_failed"] + top["absent_passed"])))
print("flaky tests listed: %d" % len(flaky))
sys.exit(0 if ok else 1)
PY
