run su-diff --help
expect_status 0
expect_stdout_contains "--format"
expect_stdout_contains "--section"
run su-diff --version
expect_status 0
expect_stdout_contains "su-diff (sutools)"
