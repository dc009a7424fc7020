run su-ls /nonexistent/run.subunit
expect_status 4
expect_stderr_contains "su-ls: error: cannot open '/nonexistent/run.subunit'"
