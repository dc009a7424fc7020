run su-junit -o report.xml "$CORPUS/v2-route-codes-simple/input.v2"
expect_status 1
expect_stdout_empty
xmllint --noout report.xml || fail "not well-formed"
grep -q 'name="test_shared"' report.xml || fail "test missing"
run su-junit --no-such-option
expect_status 2
run su-junit --format=xunit
expect_status 2
run su-junit --version
expect_status 0
