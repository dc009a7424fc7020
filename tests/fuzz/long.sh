#!/usr/bin/env bash
# A long fuzzing campaign, outside CI: every target (or those named) for
# SECONDS each, two at a time (one per core), nice'd. Usage:
#   tests/fuzz/long.sh SECONDS [TARGET...]
# With FUZZ_RUNS=N in the environment a target also stops after N
# executions (so SECONDS is a cap for the targets slower than N/SECONDS).
# Never pause a campaign (SIGSTOP): libFuzzer's -timeout counts wall-clock
# time, so the paused input is reported as a timeout and the target stops.
# Builds build-fuzz-long/ (clang, ASan, no UBSan: CI's short runs keep
# it) if needed. Each target's corpus is kept in build-fuzz-long/corpus/TARGET and
# grows from one campaign to the next; crashing inputs are written to
# build-fuzz-long/crashes/. Prints each target's executions and rate; exits
# 1 if any target crashed. A crash found here is fixed, and its input kept
# as a seed in tests/fuzz/seeds/TARGET/ (CI replays the seeds).
set -u
cd "$(dirname "$0")/../.."
seconds=${1:?usage: tests/fuzz/long.sh SECONDS [TARGET...]}
shift
source tests/fuzz/fuzz_env.sh
build=${FUZZ_BUILD:-build-fuzz-long}
if [ ! -f "$build/build.ninja" ]; then
  CXX=clang++ meson setup "$build" -Dfuzz=true -Dtests=false -Dman=disabled \
    -Db_sanitize=address -Db_lundef=false >/dev/null || exit 2
fi
all=$(ninja -C "$build" -t targets all | grep -oE '^tests/fuzz/[a-z0-9-]+-fuzz:' | tr -d : | sort -u)
ninja -C "$build" -j2 $all >/dev/null || exit 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(for t in $all; do basename "$t"; done))
mkdir -p "$build/crashes" "$build/logs"

run_one() {  # run_one TARGET
  local t=$1 corpus=$build/corpus/$1 seeds start
  start=$(date +%s)
  seeds=$(mktemp -d)
  fuzz_seeds "$t" "$seeds"
  mkdir -p "$corpus"
  nice -n 10 "$build/tests/fuzz/$t" "${fuzz_flags[@]}" -dict="$(fuzz_dict "$t")" \
    -max_total_time="$seconds" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$t-" "$corpus" "$seeds" >"$build/logs/$t.log" 2>&1
  local rc=$?
  rm -rf "$seeds"
  local runs took
  runs=$(grep -oE '^stat::number_of_executed_units: [0-9]+' "$build/logs/$t.log" | grep -oE '[0-9]+$')
  took=$(( $(date +%s) - start ))
  printf '%-20s %s  %12s runs in %s s  %8s exec/s  corpus %s files\n' "$t" \
    "$([ $rc = 0 ] && echo ok || echo CRASH)" "${runs:-?}" "$took" \
    "$(( ${runs:-0} / (took > 0 ? took : 1) ))" "$(ls "$corpus" | wc -l)"
  return $rc
}

failed=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge 2 ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
[ $failed = 0 ] || echo "crashes: $build/crashes/ (logs: $build/logs/)"
exit $failed
