run su-json "$CORPUS/real-stestr-last/input.v2"
cp "$TMP/out" expected.jsonl
run su-json - < "$CORPUS/real-stestr-last/input.v2"
expect_stdout_file expected.jsonl
run su-json < "$CORPUS/real-stestr-last/input.v2"
expect_stdout_file expected.jsonl
zstd -q -c "$CORPUS/real-stestr-last/input.v2" > run.zst
run su-json run.zst
expect_stdout_file expected.jsonl
