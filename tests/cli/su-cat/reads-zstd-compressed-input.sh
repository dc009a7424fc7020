in="$CORPUS/real-stestr-last/input.v2"
zstd -q -c "$in" > run.zst
run su-cat run.zst "$in"
expect_status 0
cat "$in" "$in" > expected.v2
expect_stdout_file expected.v2
