run su-stats --no-passthrough -o report.txt "$CORPUS/real-direct-run/input.v2"
expect_status 1
expect_stdout_empty
tail -n 5 "$CORPUS/real-direct-run/golden/stats.out" | cmp -s report.txt - || fail "report file differs"
