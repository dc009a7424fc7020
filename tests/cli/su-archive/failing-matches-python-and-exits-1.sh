su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
run su-archive failing --format=ids
expect_status 1
sort "$TMP/out" > ours
# python's view of the failures: subunit-filter -F | subunit-ls, which keeps
# the unexpected success (TestSlugify.test_collapse_runs): it fails for
# su-archive, su-diff and su-stats alike (one rule)
sort -u "$CORPUS/real-direct-run/golden/filter_F+ls.out" > theirs
cmp -s ours theirs || fail "failing differs: $(diff ours theirs | head)"
run su-archive failing
expect_stdout_contains "fail       sampleproj.tests.test_arith.TestClamp.test_clamp_high"
run su-archive failing --format=json
python3 - "$TMP/out" <<'PY' || fail "json wrong"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 30 and all(r["status"] in ("fail", "uxsuccess", "incomplete") for r in rows), rows[:2]
assert all(r["run"] == 0 for r in rows)
PY
su-archive add "$CORPUS/v2-empty/input.v2" >/dev/null
run su-archive failing
expect_status 0
expect_stdout_empty
