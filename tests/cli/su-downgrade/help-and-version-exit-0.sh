run su-downgrade --help
expect_status 0
expect_stdout_contains "--strict"
run su-downgrade --version
expect_status 0
expect_stdout_contains "sutools"
