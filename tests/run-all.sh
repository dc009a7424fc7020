#!/usr/bin/env bash
# The whole test suite, as CI and the README run it:
#   1. build (build/) and run every meson test: unit, conformance, CLI;
#   2. the same suite built with AddressSanitizer and UBSan (build-asan/);
#   3. each libFuzzer target for $FUZZ_SECONDS (default 70 in all), seeded
#      with its kept inputs and the corpus streams, with its dictionary
#      (tests/fuzz/fuzz_env.sh; build-fuzz/, needs clang);
# then prints the totals as one line "N passed, N failed".
# Set SKIP_SANITIZERS=1 or FUZZ_SECONDS=0 to leave a stage out.
set -u
cd "$(dirname "$0")/.."
root=$PWD
corpus=${SU_CORPUS:-$root/../shared/corpus}
export SU_CORPUS=$corpus
fuzz_seconds=${FUZZ_SECONDS:-70}
logs=()

setup() {  # setup DIR ARGS...: configure once, reconfigure after that
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then meson setup --reconfigure "$dir" "$@" >/dev/null
  else meson setup "$dir" "$@" >/dev/null; fi
}

# A throwaway PostgreSQL server for the tests of su-archive's PostgreSQL
# backend (they read SU_TEST_PG), stopped on the way out, whatever happens.
if pg_env=$(tests/pg/start-server.sh 2>"${TMPDIR:-/tmp}/su-pg-start.$$.log"); then
  eval "$pg_env"
  trap 'tests/pg/stop-server.sh "$SU_TEST_PG_DIR"' EXIT
  trap 'exit 130' INT TERM  # so that the EXIT trap runs
else
  echo "no PostgreSQL test server (its tests fail under CI, are skipped elsewhere):"
  sed 's/^/  /' "${TMPDIR:-/tmp}/su-pg-start.$$.log"
fi
rm -f "${TMPDIR:-/tmp}/su-pg-start.$$.log"

echo "== build and test (build/)"
setup build && ninja -C build >/dev/null || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
meson test -C build --print-errorlogs --num-processes 2 >/dev/null
logs+=(build/meson-logs/testlog.json)

if [ "${SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build and test under AddressSanitizer and UBSan (build-asan/)"
  # -g1: line tables only, all a sanitizer report needs (file and line of
  # each frame); full debug info made each file 15% slower to compile.
  if setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
       -Dbuildtype=debugoptimized -Dman=disabled \
       "-Dcpp_args=-fno-sanitize-recover=all -g1" && ninja -C build-asan >/dev/null; then
    meson test -C build-asan --print-errorlogs --num-processes 2 --timeout-multiplier 4 >/dev/null
    logs+=(build-asan/meson-logs/testlog.json)
  else
    echo "sanitizer build failed"
  fi
fi

fuzz_log=$root/build/fuzz-results.txt
: > "$fuzz_log"
if [ "$fuzz_seconds" -gt 0 ] && command -v clang++ >/dev/null; then
  echo "== fuzzing (build-fuzz/), $fuzz_seconds s in all"
  # Only the fuzz targets (and the library they link) are built: the tools
  # were built and tested twice already, and compiling them again with
  # clang and the sanitizers took minutes.
  if CXX=clang++ setup build-fuzz -Dfuzz=true -Dtests=false -Dman=disabled \
       -Db_sanitize=address,undefined -Db_lundef=false &&
     fuzz_targets=$(ninja -C build-fuzz -t targets all | grep -oE '^tests/fuzz/[a-z0-9-]+-fuzz:' |
                    tr -d : | sort -u) &&
     [ -n "$fuzz_targets" ] && ninja -C build-fuzz $fuzz_targets >/dev/null; then
    targets=(build-fuzz/tests/fuzz/*-fuzz)
    per=$(( fuzz_seconds / ${#targets[@]} ))
    [ "$per" -gt 0 ] || per=1
    source tests/fuzz/fuzz_env.sh
    for t in "${targets[@]}"; do
      work=$(mktemp -d)
      seeds=$(mktemp -d)
      fuzz_seeds "$(basename "$t")" "$seeds"
      if "$t" "${fuzz_flags[@]}" -dict="$(fuzz_dict "$(basename "$t")")" -max_total_time="$per" \
           -artifact_prefix="$work.crash-" "$work" "$seeds" >"$work.log" 2>&1; then
        echo "PASS $(basename "$t")" >> "$fuzz_log"
      else
        echo "FAIL $(basename "$t")" >> "$fuzz_log"
        tail -40 "$work.log"
        mkdir -p build-fuzz/crashes && cp "$work".crash-* build-fuzz/crashes/ 2>/dev/null
      fi
      grep -h "^Done" "$work.log" | sed "s|^|  $(basename "$t"): |"
      rm -rf "$work" "$work.log" "$work".crash-* "$seeds"
    done
  else
    echo "FAIL fuzz-build" >> "$fuzz_log"
  fi
fi

python3 tests/summarize.py "${logs[@]}" --extra "$fuzz_log"
