# --timeout kills a probe's whole process group; the search stops with
# exit 4 instead of hanging.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure h.a h.b h.victim
start=$(date +%s)
FAKE_MODE=hang FAKE_PID="$TMP/pid" run su-bisect --timeout 0.5 --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 4
expect_stderr_contains "timed out after"
expect_stderr_contains "command: $FAKE_RUNNER h.a h.b h.victim"
[ $(($(date +%s) - start)) -lt 10 ] || fail "took too long"
# The runner's own child went with it (the whole process group).
pid=$(cat "$TMP/pid")
[ -n "$pid" ] || fail "no pid"
# (Killed is enough: it may linger as a zombie until its new parent reaps it.)
state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)
[ -z "$state" ] || [ "$state" = Z ] || fail "the runner's child $pid is still running ($state)"
