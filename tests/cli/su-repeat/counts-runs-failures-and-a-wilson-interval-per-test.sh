# pkg.b fails every third run: 3 of 9, Wilson 95% [12.1%, 64.6%]; pkg.a never.
cat > suite.sh <<'SH'
#!/bin/sh
n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count
printf 'test: pkg.a\nsuccess: pkg.a\ntest: pkg.b\n'
if [ $((n % 3)) -eq 0 ]; then printf 'failure: pkg.b\n'; else printf 'success: pkg.b\n'; fi
printf 'test: pkg.skipped\nskip: pkg.skipped\n'
SH
chmod +x suite.sh
run su-repeat -q -n 9 -- ./suite.sh
expect_status 1
[ "$(cat count)" = 9 ] || fail "ran $(cat count) times, not 9"
expect_stdout_contains "9 runs in"
expect_stdout_contains "1 of 3 tests failed at least once."
grep -qE '^pkg\.b +9 +3 +33\.3% +\[12\.1%, 64\.6%\]$' "$TMP/out" || fail "pkg.b's row"
# only failing tests unless --all
grep -q '^pkg\.a' "$TMP/out" && fail "pkg.a listed without --all"
expect_stderr_empty
rm count
run su-repeat -q --all -n 4 -- ./suite.sh
expect_status 1
grep -qE '^pkg\.b +4 +1 +25\.0% +\[4\.6%, 69\.9%\]$' "$TMP/out" || fail "pkg.b's row with -n 4"
grep -qE '^pkg\.a +4 +0 +0\.0% +\[0\.0%, 49\.0%\]$' "$TMP/out" || fail "pkg.a's row with --all"
# a test skipped in every run has run in none
grep -qE '^pkg\.skipped +0 +0 +- +-$' "$TMP/out" || fail "pkg.skipped's row"
# failing tests first
[ "$(sed -n 4p "$TMP/out" | cut -d' ' -f1)" = pkg.b ] || fail "pkg.b not first"
# no failure at all: exit 0
printf '#!/bin/sh\nprintf "test: x\\nsuccess: x\\n"\n' > pass.sh && chmod +x pass.sh
run su-repeat -q -n 3 -- ./pass.sh
expect_status 0
expect_stdout_contains "3 runs in"
expect_stdout_contains "0 of 1 test failed at least once."
