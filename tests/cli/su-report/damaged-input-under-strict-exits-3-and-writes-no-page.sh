# A v2 stream cut inside a packet: a warning and a page (the damage is a
# failing subunit.parser test), or with --strict exit 3 and no page.
head -c 200 "$CORPUS/real-direct-run/input.v2" > cut.v2
run su-report cut.v2 -o page.html
expect_status 0
expect_stderr_contains "su-report: warning: 'cut.v2': byte"
grep -q 'data-test-id="subunit.parser"' page.html || fail "damage not shown as a test"
run su-report --strict cut.v2 -o strict.html
expect_status 3
expect_stderr_contains "su-report: error: 'cut.v2': byte"
[ ! -e strict.html ] || fail "a page was written for undecodable input"
