run su-ls --no-such-option
expect_status 2
expect_stderr_contains "Try 'su-ls --help'"
