old="$CORPUS/real-stestr-run-2/input.v1" new="$CORPUS/real-stestr-run-3/input.v1"
run su-diff --format=ids --section=still-failing "$old" "$new"
cp "$TMP/out" "$TMP/expected"
run su-diff --format=ids --section=still-failing - "$new" < "$old"
expect_status 1
expect_stdout_file "$TMP/expected"
run su-diff --format=ids --section=still-failing "$old" - < "$new"
expect_status 1
expect_stdout_file "$TMP/expected"
run su-diff - - < "$old"
expect_status 2
expect_stderr_contains "only one of OLD and NEW can be '-'"
