run su-ls - < "$CORPUS/v2-route-codes-simple/input.v2"
expect_stdout_file "$CORPUS/v2-route-codes-simple/golden/ls.out"
