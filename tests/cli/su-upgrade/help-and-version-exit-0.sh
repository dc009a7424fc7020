run su-upgrade --help
expect_status 0
expect_stdout_contains "--strict"
run su-upgrade --version
expect_status 0
expect_stdout_contains "sutools"
