run su-csv "$CORPUS/real-stestr-last/input.v2"
expect_status 1
expect_stdout_file "$CORPUS/real-stestr-last/golden/csv.out"
run su-csv - < "$CORPUS/v2-global-attachments/input.v2"
expect_status 1
expect_stdout_file "$CORPUS/v2-global-attachments/golden/csv.out"
