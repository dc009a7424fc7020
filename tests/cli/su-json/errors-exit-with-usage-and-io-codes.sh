run su-json --no-such-option
expect_status 2
expect_stderr_contains "su-json: error:"
run su-json /nonexistent/run.subunit
expect_status 4
expect_stderr_contains "su-json: error: cannot open '/nonexistent/run.subunit'"
