# python crashes here; su-upgrade reports the line, passes the bytes through
# and carries on with the next test.
printf 'test: a\nfailure: a [ multipart\nContent-Type: text/plain\nlog\n3\nabc0\r\n]\ntest: b\nsuccess: b\n' > in.v1
run su-upgrade in.v1
expect_status 0
expect_stderr_contains "line 5: bad chunk header"
expect_stdout_contains "abc0"
su-upgrade in.v1 2>/dev/null | su-ls --no-passthrough > listed
[ "$(cat listed)" = "$(printf 'a\nb')" ] || { cat listed; exit 1; }
