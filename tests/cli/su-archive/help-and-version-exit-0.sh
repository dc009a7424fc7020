run su-archive --help
expect_status 0
expect_stdout_contains "history"
run su-archive --version
expect_status 0
expect_stdout_contains "su-archive (sutools)"
run su-archive history --help
expect_status 0
expect_stdout_contains "the test id"
