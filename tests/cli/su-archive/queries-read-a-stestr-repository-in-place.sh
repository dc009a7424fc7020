# .stestr/N are the corpus's real-stestr-run-N files (one real repository)
mkdir .stestr && printf '1\n' > .stestr/format && echo 7 > .stestr/next-stream
for n in 0 2 3 5 6; do cp "$CORPUS/real-stestr-run-$n/input.v1" .stestr/$n; done
run su-archive --archive .stestr list --format=json
expect_status 0
python3 - "$TMP/out" <<'PY' || fail "list wrong"
import json, sys
runs = json.load(open(sys.argv[1]))
assert [r["id"] for r in runs] == [0, 2, 3, 5, 6], runs
assert all(r["input_format"] == "v1" for r in runs)
PY
run su-archive --archive .stestr failing --format=ids
expect_status 1
sort "$TMP/out" > ours
sort "$CORPUS/real-stestr-run-6/golden/1to2+filter_F+ls.out" > theirs
cmp -s ours theirs || fail "failing differs from subunit-1to2 | subunit-filter -F | subunit-ls"
SU_ARCHIVE=.stestr run su-archive history sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache --format=json
python3 - "$TMP/out" <<'PY' || fail "history wrong"
import json, sys
rows = json.load(open(sys.argv[1]))
# corpus README: stestr-3 and stestr-6 fail test_cold_cache, 0/2/5 do not
assert [(r["run"], r["status"]) for r in rows] == [
    (0, "success"), (2, "success"), (3, "fail"), (5, "success"), (6, "fail")], rows
PY
run su-archive --archive .stestr show 6
expect_status 0
su-ls --no-passthrough "$TMP/out" | sort > ours
sort "$CORPUS/real-stestr-run-6/golden/1to2+ls.out" > theirs
cmp -s ours theirs || fail "show of a v1 run is not its upgrade"
run su-archive --archive .stestr add "$CORPUS/v2-empty/input.v2"
expect_status 2
expect_stderr_contains "is not a su archive"
