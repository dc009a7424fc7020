# A fake runner over real processes: pkg.Cache.test_b fails whenever
# pkg.Warm.test_a ran before it (a warmed cache), which the original order
# never does; pkg.Db.test_victim fails whenever pkg.Db.test_pollute ran
# before it, which the original order always does; pkg.Flaky.test_roll
# fails on the 1st and 6th call, whatever the order (run 1 is the original
# order); pkg.Broken.test_always always fails.
cat > runner.sh <<'SH'
#!/bin/sh
n=$(cat calls 2>/dev/null || echo 0); n=$((n + 1)); echo $n > calls
warmed= polluted=
for id in "$@"; do
  printf 'test: %s\n' "$id"
  case $id in
    pkg.Warm.test_a) warmed=1; printf 'success: %s\n' "$id" ;;
    pkg.Cache.test_b) if [ -n "$warmed" ]; then printf 'failure: %s\n' "$id"; else printf 'success: %s\n' "$id"; fi ;;
    pkg.Db.test_pollute) polluted=1; printf 'success: %s\n' "$id" ;;
    pkg.Db.test_victim) if [ -n "$polluted" ]; then printf 'failure: %s\n' "$id"; else printf 'success: %s\n' "$id"; fi ;;
    pkg.Broken.test_always) printf 'failure: %s\n' "$id" ;;
    pkg.Flaky.test_roll) if [ $n -eq 1 ] || [ $n -eq 6 ]; then printf 'failure: %s\n' "$id"; else printf 'success: %s\n' "$id"; fi ;;
    *) printf 'success: %s\n' "$id" ;;
  esac
done
SH
chmod +x runner.sh
printf 'pkg.Broken.test_always\npkg.Cache.test_b\npkg.Cache.test_c\npkg.Db.test_pollute\npkg.Db.test_victim\npkg.Flaky.test_roll\npkg.Other.test_x\npkg.Warm.test_a\n' > tests.txt
run su-repeat -n 40 --original-every 2 --seed 3 --runner './runner.sh {ids}' --tests tests.txt
expect_status 1
[ "$(cat calls)" = 40 ] || fail "ran $(cat calls) times"
# the seed is printed, on stderr and in the report
expect_stderr_contains "su-repeat: shuffle orders with seed 3 (--seed 3 repeats them)"
expect_stdout_contains "Orders: shuffle, seed 3 (--seed 3 gives the same orders); the original order in 20 runs (1, 3, 5, 7, 9, ...; --original-every 2)."
grep -qE '^pkg\.Cache\.test_b +40 +[0-9]+ .* order-dependent$' "$TMP/out" || fail "test_b's verdict"
grep -qE '^pkg\.Db\.test_victim +40 +[0-9]+ .* order-dependent$' "$TMP/out" || fail "test_victim's verdict"
grep -qE '^pkg\.Flaky\.test_roll +40 +2 .*flaky$' "$TMP/out" || fail "test_roll's verdict"
grep -qE '^pkg\.Broken\.test_always +40 +40 .*always-fails$' "$TMP/out" || fail "test_always's verdict"
expect_stdout_contains "pkg.Cache.test_b is order-dependent: it failed in"
expect_stdout_contains "runs in changed orders and passed in all 20 runs in the original order (Fisher p ="
expect_stdout_contains "pkg.Db.test_victim is order-dependent: it failed in all 20 runs in the original order and passed in"
expect_stdout_contains "    su-bisect --test pkg.Db.test_victim --runner './runner.sh {ids}' su-repeat-orders/run-1.subunit"
grep -q "pkg.Flaky.test_roll is order-dependent" "$TMP/out" && fail "a flaky test called order-dependent"
# each failing order is kept; in each, test_a ran before test_b
orders=$(awk '/^pkg.Cache.test_b is order-dependent/ { getline; sub(/^  Failing orders: /, ""); sub(/ \(and .*/, ""); print }' "$TMP/out")
expect_stdout_contains "more in su-repeat-orders/)"
[ -n "$orders" ] || fail "no failing orders listed"
for f in $orders; do
  [ -f "$f" ] || fail "$f missing"
  a=$(grep -n '^pkg.Warm.test_a$' "$f" | cut -d: -f1); b=$(grep -n '^pkg.Cache.test_b$' "$f" | cut -d: -f1)
  [ "$a" -lt "$b" ] || fail "$f: test_a after test_b"
  [ "$(wc -l < "$f")" = 8 ] || fail "$f does not list the 8 tests"
done
# a failing order's run number is a changed-order (even) run
for f in $orders; do n=${f##*run-}; n=${n%.txt}; [ $((n % 2)) -eq 0 ] || fail "$f is an original-order run"; done
first=$(echo $orders | cut -d' ' -f1)
stream=${first%.txt}.subunit
expect_stdout_contains "    su-bisect --test pkg.Cache.test_b --runner './runner.sh {ids}' $stream"
# the kept stream is the runner's output for that order
su-ls "$stream" > ran.txt
cmp -s ran.txt "$first" || fail "$stream does not hold the run of $first"
su-stats "$stream" > /dev/null
[ $? -eq 1 ] || fail "$stream should hold test_b's failure"
# the same seed gives the same orders
mv su-repeat-orders first-orders; rm calls
run su-repeat -q -n 40 --original-every 2 --seed 3 --runner './runner.sh {ids}' --tests tests.txt
for f in first-orders/*.txt; do
  cmp -s "$f" "su-repeat-orders/$(basename "$f")" || fail "seed 3 gave another order for $(basename "$f")"
done
# too few runs to tell an order-dependent test from a flaky one: "maybe"
rm -rf calls su-repeat-orders
run su-repeat -q -n 6 --seed 3 --runner './runner.sh {ids}' --tests tests.txt
expect_status 1
grep -qE '^pkg\.Db\.test_victim +6 +[0-9]+ .* maybe-order-dependent$' "$TMP/out" || fail "weak evidence should be maybe"
expect_stdout_contains "pkg.Db.test_victim may be order-dependent: it failed in all 3 runs in the original order"
expect_stdout_contains "but a flaky test would do that too often to be sure"
grep -q " is order-dependent" "$TMP/out" && fail "order-dependent on weak evidence"
true
