run su-downgrade /nonexistent/run.v2
expect_status 4
expect_stderr_contains "su-downgrade: error: cannot open '/nonexistent/run.v2'"
