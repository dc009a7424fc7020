# After --, even --help is a tag spec (remove the tag "-help"), as in python.
run su-tags -- --help kept < "$CORPUS/v2-route-codes-simple/input.v2"
expect_status 0
run su-tags kept < "$CORPUS/v2-route-codes-simple/input.v2"
cp "$TMP/out" kept.v2
run su-tags -- --help kept < "$CORPUS/v2-route-codes-simple/input.v2"
expect_stdout_file kept.v2
