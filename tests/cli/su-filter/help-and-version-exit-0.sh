run su-filter --help
expect_status 0
expect_stdout_contains "--with-tag"
expect_stdout_contains "--before"
run su-filter --version
expect_status 0
expect_stdout_contains "su-filter (sutools)"
