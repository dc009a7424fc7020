run su-tags --input /nonexistent/run.subunit t
expect_status 4
expect_stderr_contains "su-tags: error: cannot open '/nonexistent/run.subunit'"
