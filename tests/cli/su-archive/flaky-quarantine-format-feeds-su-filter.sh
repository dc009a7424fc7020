# --format=quarantine writes a [[test]] entry per flaky test, with the rate
# as the reason, which su-filter --quarantine reads back.
su-archive init 2>/dev/null
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/history.py" 40 archive || fail "history"
run su-archive flaky --format=quarantine --expires 2999-12-31
expect_status 0
cp "$TMP/out" q.toml
grep -q '^id = "pkg.t.test_00"$' q.toml || fail "no entry for the flaky test"
grep -q '^reason = "flaky: failed [0-9]* of 39 runs (.*%, 95% interval .*% to .*%); [0-9]* flips on the same commit"$' q.toml || fail "reason"
grep -q '^expires = 2999-12-31$' q.toml || fail "expires"
grep -q 'test_01\|test_02' q.toml && fail "broken and fixed tests are not quarantined"
# default expiry: 30 days from today
run su-archive flaky --format=quarantine
grep -q "^expires = $(date -u -d '+30 days' +%Y-%m-%d)$" "$TMP/out" || fail "default expiry"
su-archive show last > last.v2
run su-filter --quarantine q.toml last.v2
expect_status 0
expect_stderr_contains "quarantine 'q.toml': "
