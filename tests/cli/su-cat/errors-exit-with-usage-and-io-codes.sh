run su-cat --no-such-option
expect_status 2
run su-cat "$CORPUS/v2-empty/input.v2" /nonexistent/run.subunit
expect_status 4
expect_stderr_contains "su-cat: error: cannot open '/nonexistent/run.subunit'"
