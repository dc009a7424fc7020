a="$CORPUS/real-stestr-last/input.v2" b="$CORPUS/v2-route-codes/input.v2"
cat "$a" "$b" "$a" > expected.v2
run su-cat "$a" "$b" "$a"
expect_status 0
expect_stderr_empty
expect_stdout_file expected.v2
