run su-report --help
expect_status 0
expect_stdout_contains "--archive"
expect_stdout_contains "--output"
run su-report --version
expect_status 0
expect_stdout_contains "su-report (sutools)"
