# A runner that fails before writing subunit stops the search at once.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure x.a x.b x.victim
FAKE_MODE=error run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 4
expect_stderr_contains "su-bisect: error: run 1: the runner exited with status 1 and wrote no subunit on stdout"
expect_stderr_contains "command: $FAKE_RUNNER x.a x.b x.victim"
expect_stderr_contains "fake-runner: cannot import module 'tests.broken'"
expect_stdout_empty
# A command that cannot be found says so the same way.
run su-bisect --runner "/nonexistent/runner {ids}" "$TMP/run"
expect_status 4
expect_stderr_contains "exited with status 127"
expect_stderr_contains "/nonexistent/runner"
