zstd -q -c "$CORPUS/v2-route-codes/input.v2" > run.v2.zst
run su-tags x < "$CORPUS/v2-route-codes/input.v2"
cp "$TMP/out" expected.v2
run su-tags --input run.v2.zst x
expect_status 0
expect_stdout_file expected.v2
run su-tags --input=run.v2.zst x
expect_stdout_file expected.v2
