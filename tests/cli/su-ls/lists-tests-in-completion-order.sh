run su-ls --no-passthrough "$CORPUS/real-direct-run/input.v2"
expect_status 1
expect_stdout_file "$CORPUS/real-direct-run/golden/ls_no-passthrough.out"
