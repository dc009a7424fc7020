# Run 4 fails pkg.b and pkg.c; pkg.noise fails on runs 2 and 3.
cat > suite.sh <<'SH'
#!/bin/sh
n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count
for t in pkg.a pkg.b pkg.c; do
  printf 'test: %s\n' $t
  if [ $n -eq 4 ] && [ $t != pkg.a ]; then printf 'failure: %s\n' $t; else printf 'success: %s\n' $t; fi
done
printf 'test: pkg.noise\n'
if [ $n -eq 2 ] || [ $n -eq 3 ]; then printf 'failure: pkg.noise\n'; else printf 'success: pkg.noise\n'; fi
SH
chmod +x suite.sh
# Without -n there is no limit on the runs.
run su-repeat -q --until-failure --test pkg.b -- ./suite.sh
expect_status 1
[ "$(cat count)" = 4 ] || fail "ran $(cat count) times, not 4"
head -3 "$TMP/out" > head.txt
printf 'Run 4 failed (2 of 4 tests):\n  pkg.b\n  pkg.c\n' | cmp -s - head.txt || fail "run 4's failures not listed first"
expect_stdout_contains "4 runs in"
# any test stops it: run 2
rm count
run su-repeat -q --until-failure -- ./suite.sh
expect_status 1
[ "$(cat count)" = 2 ] || fail "any failure: ran $(cat count) times, not 2"
expect_stdout_contains "Run 2 failed (1 of 4 tests):"
expect_stdout_contains "  pkg.noise"
# -n caps it; --test decides the exit status: pkg.a never fails
rm count
run su-repeat -q --until-failure -n 3 --test pkg.a -- ./suite.sh
expect_status 0
[ "$(cat count)" = 3 ] || fail "-n 3: ran $(cat count) times"
expect_stdout_contains "pkg.noise"
grep -q "^Run" "$TMP/out" && fail "no run should be listed as the stopping one"
true
