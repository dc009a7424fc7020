run su-repeat -q -- ./no-such-command --flag
expect_status 4
expect_stdout_empty
expect_stderr_contains "su-repeat: error: run 1: could not run the command (it exited with status 127): ./no-such-command --flag"
expect_stderr_contains "no-such-command"
# a file that is not executable
printf 'test: a\nsuccess: a\n' > not-executable.sh
run su-repeat -q -- ./not-executable.sh
expect_status 4
expect_stderr_contains "could not run the command (it exited with status 126)"
true
