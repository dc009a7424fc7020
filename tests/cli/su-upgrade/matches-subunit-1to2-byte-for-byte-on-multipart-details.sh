run su-upgrade "$CORPUS/v1-multipart-chunked/input.v1"
expect_status 0
expect_stdout_file "$CORPUS/v1-multipart-chunked/golden/1to2.out"
expect_stderr_empty
