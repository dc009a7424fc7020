zstd -q -c "$CORPUS/v2-attachment-many-packets/input.v2" > run.zst
run su-downgrade run.zst
expect_status 0
expect_stdout_file "$CORPUS/v2-attachment-many-packets/golden/2to1.out"
