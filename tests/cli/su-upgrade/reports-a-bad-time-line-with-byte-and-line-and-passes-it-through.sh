printf 'test: a\ntime: yesterday\nsuccess: a\n' > in.v1
run su-upgrade in.v1
expect_status 0
expect_stderr_contains "su-upgrade: warning: 'in.v1': byte 8: line 2: bad time 'yesterday'"
expect_stderr_contains "passed through as output"
expect_stdout_contains "time: yesterday"
# The test still completes.
su-upgrade in.v1 | su-ls > listed
[ "$(cat listed)" = "$(printf 'time: yesterday\na')" ] || { cat listed; exit 1; }
