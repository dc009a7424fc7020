zstd -q -c "$CORPUS/real-direct-run/input.v2" > run.v2.zst
run su-ls --times run.v2.zst
expect_status 1
expect_stdout_file "$CORPUS/real-direct-run/golden/ls_times.out"
