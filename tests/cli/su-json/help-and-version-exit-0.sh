run su-json --help
expect_status 0
expect_stdout_contains "--attachments"
run su-json --version
expect_status 0
expect_stdout_contains "sutools"
