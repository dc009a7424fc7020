source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure u.a u.victim
run su-bisect "$TMP/run"
expect_status 2
expect_stderr_contains "--runner"
run su-bisect --runner "make test" "$TMP/run"
expect_status 2
expect_stderr_contains "must contain {ids} or {list}"
run su-bisect --test no.such.test --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 2
expect_stderr_contains "'no.such.test' is not in"
run su-bisect --confidence 1.5 --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 2
run su-bisect --format=xml --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 2
printf 'test: ok\nsuccess: ok\n' > "$TMP/green"
run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/green"
expect_status 2
expect_stderr_contains "no test failed; name the victim with --test"
run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/missing-file"
expect_status 4
