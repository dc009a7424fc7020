run su-repeat --help
expect_status 0
expect_stdout_contains "--until-failure"
expect_stdout_contains "--runner"
run su-repeat --version
expect_status 0
expect_stdout_contains "su-repeat (sutools)"
