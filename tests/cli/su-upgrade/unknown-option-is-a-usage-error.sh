run su-upgrade --no-such-option
expect_status 2
expect_stderr_contains "su-upgrade: error:"
