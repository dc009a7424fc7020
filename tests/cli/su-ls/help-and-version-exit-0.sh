run su-ls --help
expect_status 0
expect_stdout_contains "--times"
run su-ls --version
expect_status 0
expect_stdout_contains "sutools"
