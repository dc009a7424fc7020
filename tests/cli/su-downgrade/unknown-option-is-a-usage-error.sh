run su-downgrade --bogus
expect_status 2
expect_stderr_contains "su-downgrade: error:"
