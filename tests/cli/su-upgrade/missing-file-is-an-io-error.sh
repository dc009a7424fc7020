run su-upgrade /nonexistent/run.v1
expect_status 4
expect_stderr_contains "su-upgrade: error: cannot open '/nonexistent/run.v1'"
