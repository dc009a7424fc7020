su-archive init 2>/dev/null
run su-archive add --tee --meta ci=job-7 < "$CORPUS/real-stestr-last/input.v2"
expect_status 0
expect_stdout_file "$CORPUS/real-stestr-last/input.v2"
expect_stderr_contains "added run 0"
# in a pipeline whose end goes away early, the run is still archived whole
su-archive add --tee < "$CORPUS/real-direct-run/input.v2" | head -c 10 > /dev/null
run su-archive show 1
expect_stdout_file "$CORPUS/real-direct-run/input.v2"
