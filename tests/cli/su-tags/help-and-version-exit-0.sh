run su-tags --help
expect_status 0
expect_stdout_contains "--input"
expect_stdout_contains "-TAG"
run su-tags --version
expect_status 0
expect_stdout_contains "sutools"
