run su-diff "$CORPUS/real-testr-run-1/input.v1" "$CORPUS/real-testr-run-2/input.v1"
expect_status 0
expect_stdout_contains "fixed (1):"
expect_stdout_contains "  sampleproj.tests.test_flaky.TestFlaky.test_sometimes_fails  fail -> success"
expect_stdout_contains "still-failing (29):"
expect_stdout_contains "setUpClass (sampleproj.tests.test_outcomes.TestBrokenClassFixture)"
expect_stdout_contains "2 runs: 2 fail -> 2 runs: 2 fail"
expect_stdout_contains "summary:"
expect_stdout_contains "  old '$CORPUS/real-testr-run-1/input.v1': 198 tests (199 results), 30 failing, "
expect_stdout_contains "  0 new failures, 1 fixed, 29 still failing, 0 added, 0 removed, 0 status changes, 0 slower, 0 faster, 0 flaky"
# No colour when stdout is not a terminal, and empty sections are left out.
if grep -q $'\033' "$TMP/out"; then fail "ANSI codes in a file"; fi
if grep -q "^added" "$TMP/out"; then fail "empty section printed"; fi
# Ids line up in one column within a section.
grep '^  sampleproj.*fail -> fail$' "$TMP/out" | awk '{ print index($0, "  fail -> fail") }' | sort -u > "$TMP/cols"
[ "$(wc -l < "$TMP/cols")" -eq 1 ] || fail "still-failing not aligned"
