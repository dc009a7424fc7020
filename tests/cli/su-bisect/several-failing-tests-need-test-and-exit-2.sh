# Without --test the run's only failing test is the victim; with several,
# su-bisect lists them and asks.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
printf 'test: s.a\nfailure: s.a\ntest: s.b\nsuccess: s.b\ntest: s.c\nfailure: s.c\n' > "$TMP/run"
run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 2
expect_stderr_contains "2 tests failed; choose the victim with --test:"
expect_stderr_contains "  s.a"
expect_stderr_contains "  s.c"
expect_stdout_empty
# --test picks one; the tests before it are the candidates.
CULPRITS=s.b run su-bisect -q --test s.c --format=ids --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stdout "s.b"
