run su-cat --help
expect_status 0
expect_stdout_contains "--route-prefix"
run su-cat --version
expect_status 0
expect_stdout_contains "sutools"
