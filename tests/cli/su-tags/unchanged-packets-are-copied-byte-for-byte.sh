# No packet carries the tag, so nothing is re-encoded.
run su-tags -no-such-tag < "$CORPUS/real-stestr-last/input.v2"
expect_status 0
expect_stdout_file "$CORPUS/real-stestr-last/input.v2"
