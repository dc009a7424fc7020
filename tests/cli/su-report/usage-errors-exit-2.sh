# No page named; --run without an archive; a stream and an archive at once.
run su-report "$CORPUS/real-direct-run/input.v2"
expect_status 2
expect_stderr_contains "su-report: error:"
expect_stderr_contains "--output"
run su-report --run 1 -o page.html
expect_status 2
run su-report --archive .su "$CORPUS/real-direct-run/input.v2" -o page.html
expect_status 2
run su-report --archive no-such-archive -o page.html
expect_status 2
expect_stderr_contains "no-such-archive"
[ ! -e page.html ] || fail "a page was written"
