run su-filter --no-such-option
expect_status 2
expect_stderr_contains "su-filter: error:"
run su-filter --status=bogus -
expect_status 2
expect_stderr_contains "--status: unknown outcome in 'bogus'"
run su-filter --with='(unclosed' - < /dev/null
expect_status 2
expect_stderr_contains "bad regular expression '(unclosed'"
run su-filter --min-duration=abc - < /dev/null
expect_status 2
