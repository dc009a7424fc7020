# Non-test output goes to stdout as v2 packets (as subunit2csv does) unless
# --no-passthrough; -o sends the CSV to a file.
run su-csv --no-passthrough "$CORPUS/v2-garbage-only/input.v2"
expect_status 0
expect_stdout "test,status,start_time,stop_time"$'\r'
run su-csv -o rows.csv "$CORPUS/v2-garbage-only/input.v2"
expect_status 0
head -c 1 "$TMP/out" | od -An -tx1 | grep -q b3 || fail "passthrough is not a v2 packet"
[ "$(cat rows.csv)" = "test,status,start_time,stop_time"$'\r' ] || fail "rows.csv"
run su-csv --help
expect_status 0
run su-csv a b
expect_status 2
