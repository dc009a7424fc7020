run su-downgrade "$CORPUS/v2-global-attachments/input.v2"
expect_status 0
expect_stdout_file "$CORPUS/v2-global-attachments/golden/2to1.out"
