run su-bisect --help
expect_status 0
expect_stdout_contains "--runner"
expect_stdout_contains "--confidence"
run su-bisect --version
expect_status 0
expect_stdout_contains "su-bisect (sutools)"
