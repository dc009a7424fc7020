a="$CORPUS/real-stestr-last/input.v2" b="$CORPUS/v2-route-codes/input.v2"
cat "$a" "$b" > expected.v2
run su-cat "$a" - < "$b"
expect_stdout_file expected.v2
run su-cat < "$a"
expect_stdout_file "$a"
run su-cat - - < "$a"
expect_status 2
expect_stderr_contains "su-cat: error: standard input ('-') can be read only once"
