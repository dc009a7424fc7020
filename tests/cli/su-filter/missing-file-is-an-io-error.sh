run su-filter /nonexistent/run.subunit
expect_status 4
expect_stderr_contains "su-filter: error: cannot open '/nonexistent/run.subunit'"
