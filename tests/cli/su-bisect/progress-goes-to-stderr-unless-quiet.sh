# Not on a terminal: plain progress lines on stderr; --quiet: none.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure g.a g.b g.c g.d g.victim
CULPRITS=g.c run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stderr_contains "su-bisect: victim g.victim; 4 candidates ran before it on worker-0"
expect_stderr_contains "su-bisect: run 1 (reproduce): 1 failed"
expect_stderr_contains "(search)"
expect_stderr_contains "leading g."
! grep -q $'\r' "$TMP/err" || fail "terminal control on a pipe"
CULPRITS=g.c run su-bisect --quiet --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stderr_empty
