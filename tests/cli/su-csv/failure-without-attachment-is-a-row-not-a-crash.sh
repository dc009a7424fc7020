# subunit2csv dies (ValueError) at a failed, unfinished or xfail test with
# no attachment; su-csv writes its row and goes on.
run su-csv --no-passthrough "$CORPUS/v2-route-codes/input.v2"
expect_status 1
expect_stderr_empty
# seven tests, keyed by (id, route code) as python keys them
[ "$(($(wc -l < "$TMP/out") - 1))" -eq 7 ] || fail "row count"
here=$(dirname "${BASH_SOURCE[0]}")
python3 "$here/../su-trace/make-v2.py" 'P("a.fail", "fail", ts=1)' 'P("a.xfail", "xfail", ts=2)' 'P("a.hang", "inprogress", ts=3)' > run.v2
run su-csv run.v2
expect_status 1
printf 'test,status,start_time,stop_time\r\na.fail,failure,2024-05-01 12:00:01+00:00,2024-05-01 12:00:01+00:00\r\na.xfail,xfail,2024-05-01 12:00:02+00:00,2024-05-01 12:00:02+00:00\r\na.hang,failure,2024-05-01 12:00:03+00:00,2024-05-01 12:00:03+00:00\r\n' > expected
expect_stdout_file expected
