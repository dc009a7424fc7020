# --format=subunit2junitxml is python's output byte for byte, passthrough
# packets included.
run su-junit --format=subunit2junitxml "$CORPUS/real-direct-run/input.v2"
expect_status 1
expect_stdout_file "$CORPUS/real-direct-run/golden/junitxml.out"
run su-junit --format=subunit2junitxml < "$CORPUS/v2-global-attachments/input.v2"
expect_status 1
expect_stdout_file "$CORPUS/v2-global-attachments/golden/junitxml.out"
