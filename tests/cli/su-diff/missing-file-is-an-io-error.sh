run su-diff "$CORPUS/real-stestr-run-2/input.v1" "$TMP/no-such-file"
expect_status 4
expect_stderr_contains "no-such-file"
