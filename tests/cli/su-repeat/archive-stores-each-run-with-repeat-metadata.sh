# --archive makes the archive if needed and adds one run per run, with repeat=K.
cat > suite.sh <<'SH'
#!/bin/sh
n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count
printf 'test: t.a\nsuccess: t.a\ntest: t.b\n'
if [ $n -eq 3 ]; then printf 'failure: t.b\n'; else printf 'success: t.b\n'; fi
SH
chmod +x suite.sh
run su-repeat -q -n 3 --archive hist -- ./suite.sh
expect_status 1
run su-archive --archive hist list
expect_status 0
[ "$(grep -c 'repeat=' "$TMP/out")" = 3 ] || fail "not 3 runs with repeat=K"
grep -qE '^0 .* 2 +0 +0 .*repeat=1$' "$TMP/out" || fail "run 0 is repeat=1 with 2 tests"
grep -qE '^2 .* 2 +1 +0 .*repeat=3$' "$TMP/out" || fail "run 2 is repeat=3 with its failure"
run su-archive --archive hist failing 2
expect_status 1
expect_stdout_contains "t.b"
# a second session adds to the same archive
rm count
run su-repeat -q -n 2 --archive hist -- ./suite.sh
expect_status 0
run su-archive --archive hist list
[ "$(grep -c 'repeat=' "$TMP/out")" = 5 ] || fail "the second session's runs were not added"
# a directory that is something else is refused
mkdir other && echo x > other/file
run su-repeat -q -n 1 --archive other -- ./suite.sh
expect_status 2
expect_stderr_contains "su-repeat: error:"
true
