run su-filter --before=no.such.test "$CORPUS/real-stestr-last/input.v2"
expect_status 1
expect_stdout_empty
expect_stderr_contains "su-filter: error: --before: test 'no.such.test' is not in the stream"
