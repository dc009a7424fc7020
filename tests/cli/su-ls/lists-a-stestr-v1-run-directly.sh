# stestr keeps every run as v1 (.stestr/N): su-ls reads it without su-upgrade,
# listing what python lists after subunit-1to2.
run su-ls "$CORPUS/real-stestr-run-0/input.v1"
expect_status 1
expect_stdout_file "$CORPUS/real-stestr-run-0/golden/1to2+ls.out"
run su-ls --times "$CORPUS/real-testr-run-1/input.v1"
expect_status 1
expect_stdout_file "$CORPUS/real-testr-run-1/golden/1to2+ls_times.out"
