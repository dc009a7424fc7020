run su-trace --help
expect_status 0
expect_stdout_contains "--no-failure-debug"
run su-trace --version
expect_status 0
expect_stdout_contains "su-trace (sutools)"
run su-trace --no-such-option
expect_status 2
run su-trace missing.v2
expect_status 4
expect_stderr_contains "missing.v2"
