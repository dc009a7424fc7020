# The runner runs in a process group of its own (so that a timeout can
# kill all of it); when su-bisect is terminated, it kills that group too.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure k.a k.victim
FAKE_MODE=hang FAKE_PID="$TMP/pid" su-bisect -q --runner "$FAKE_RUNNER {ids}" "$TMP/run" \
  > "$TMP/out" 2> "$TMP/err" &
bisect=$!
for _ in $(seq 100); do [ -s "$TMP/pid" ] && break; sleep 0.05; done
pid=$(cat "$TMP/pid")
[ -n "$pid" ] || fail "the runner never started"
kill -TERM "$bisect"
wait "$bisect"
status=$?
[ "$status" -eq 143 ] || fail "exit status $status, expected 143 (SIGTERM)"
sleep 0.2
state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)
[ -z "$state" ] || [ "$state" = Z ] || fail "the runner's child $pid is still running ($state)"
