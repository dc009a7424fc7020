run su-repeat
expect_status 2
expect_stderr_contains "su-repeat: error: no COMMAND to run"
expect_stderr_contains "Try 'su-repeat --help'"
run su-repeat -n 0 -- true
expect_status 2
expect_stderr_contains "-n must be at least 1"
run su-repeat --runner 'run {ids}' --tests t.txt -- true
expect_status 2
expect_stderr_contains "not both"
run su-repeat --runner 'run {ids}'
expect_status 2
expect_stderr_contains "--runner and --tests go together"
run su-repeat --runner 'run-all-tests' --tests t.txt
expect_status 2
expect_stderr_contains "has neither {ids} nor {list}"
run su-repeat --order=shuffle -- true
expect_status 2
expect_stderr_contains "--order needs --runner and --tests"
run su-repeat --order=random --runner 'r {ids}' --tests t.txt
expect_status 2
run su-repeat --format=xml -- true
expect_status 2
run su-repeat --max-time -1 -- true
expect_status 2
true
