a="$CORPUS/v2-route-codes-simple/input.v2"
run su-cat --route-names linux,mac "$a" "$a"
expect_status 0
cp "$TMP/out" named.v2
run su-json named.v2
expect_stdout_contains '"route":"linux/0"'
expect_stdout_contains '"route":"mac/1"'
run su-cat --route-names=only-one "$a" "$a"
expect_status 2
expect_stderr_contains "su-cat: error: --route-names gives 1 names for 2 inputs"
run su-cat --route-names=a, "$a" "$a"
expect_status 2
