zstd -q -c "$CORPUS/v1-bracketed-details/input.v1" > run.v1.zst
run su-upgrade run.v1.zst
expect_status 0
expect_stdout_file "$CORPUS/v1-bracketed-details/golden/1to2.out"
