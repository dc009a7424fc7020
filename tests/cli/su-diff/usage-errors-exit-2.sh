old="$CORPUS/real-stestr-run-2/input.v1"
run su-diff "$old"
expect_status 2
expect_stderr_contains "Try 'su-diff --help'"
run su-diff --no-such-option "$old" "$old"
expect_status 2
run su-diff --format=ids "$old" "$old"
expect_status 2
expect_stderr_contains "--format=ids needs --section=NAME"
run su-diff --format=ids --section=bogus "$old" "$old"
expect_status 2
run su-diff --section=fixed "$old" "$old"
expect_status 2
run su-diff --color=sometimes "$old" "$old"
expect_status 2
run su-diff --format=xml "$old" "$old"
expect_status 2
