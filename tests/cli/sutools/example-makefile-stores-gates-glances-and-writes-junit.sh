# examples/Makefile, run as a project would run it against the example run:
# store keeps each run, gate fails on new failures against the last green
# run (and passes against itself), glance writes a failing test's worker's
# load list, junit a valid JUnit file, report the HTML report or says it
# is skipped when su-report is not installed.
command -v make >/dev/null || fail "make is not installed (.ci/run installs it)"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
mk() { make -s -f "$root/examples/Makefile" OUT=made BRANCH=main COMMIT=abc "$@"; }
example=$root/examples/example-run.subunit
su-filter --no-failure "$example" > green.subunit

# no green run yet: the gate has nothing to compare with and passes
run mk gate RUN="$example"
expect_status 0
expect_stdout_contains "no green run in .su yet"

run mk store RUN=green.subunit
expect_status 0
run mk store RUN="$example"
expect_status 0
expect_stdout_contains "shop.tests.test_cache.CacheTest.test_cold_cache [0.250000s] ... FAILED"
run su-archive list --format=json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert [x["meta"] for x in r] == [{"branch": "main", "commit": "abc"}]*2, r' "$TMP/out" \
  || fail "runs not stored with their metadata"

# a run that cannot be stored fails the target, though su-trace ends the pipeline
printf '\x28\xb5\x2f\xfd broken zstd' > broken.subunit.zst
run mk store RUN=broken.subunit.zst
[ "$status" -ne 0 ] || fail "store passed though su-archive add failed"
expect_stderr_contains "su-archive: error:"

run mk gate RUN="$example"
[ "$status" -ne 0 ] || fail "gate passed a run with new failures"
expect_stdout_contains "new-failures (2):"
run mk gate RUN=green.subunit
expect_status 0

run mk glance RUN="$example"
expect_status 0
expect_stdout "glance: made/glance.list: shop.tests.test_cart.CartTest.test_total_with_discount and the 1 tests its worker ran before it"
printf '%s\n' shop.tests.test_cart.CartTest.test_add_item shop.tests.test_cart.CartTest.test_total_with_discount \
  | cmp -s - made/glance.list || fail "glance list: $(cat made/glance.list)"
run mk glance RUN="$example" TEST=shop.tests.test_cache.CacheTest.test_cold_cache
expect_status 0
[ "$(tail -n 1 made/glance.list)" = shop.tests.test_cache.CacheTest.test_cold_cache ] || fail "TEST= not used"

run mk junit RUN="$example"
expect_status 0
xmllint --noout made/junit.xml || fail "junit.xml is not XML"
grep -q 'failures="2"' made/junit.xml || fail "junit.xml does not count the failures"

run mk report RUN="$example"
expect_status 0
if command -v su-report >/dev/null; then
  [ -s made/report.html ] || fail "report.html not written"
else
  expect_stdout "report: su-report is not installed; skipped"
fi
