# A runner whose stream lacks the victim (a wrong id format, a filtered
# run) is an error that shows the command, not a "pass".
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure m.a m.b m.victim
FAKE_MODE=missing run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 4
expect_stderr_contains "reported 2 test(s), but not 'm.victim'"
expect_stderr_contains "command: $FAKE_RUNNER m.a m.b m.victim"
