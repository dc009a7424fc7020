mkdir .stestr && printf '1\n' > .stestr/format && echo 7 > .stestr/next-stream
for n in 0 2 3 5 6; do
  cp "$CORPUS/real-stestr-run-$n/input.v1" .stestr/$n
  touch -d "2024-03-0$((n + 1)) 12:00:00 UTC" .stestr/$n
done
su-archive init 2>/dev/null
run su-archive import .stestr
expect_status 0
expect_stdout "0
1
2
3
4"
expect_stderr_contains "imported 5 runs from '.stestr'"
run su-archive list --format=json
python3 - "$TMP/out" <<'PY' || fail "import wrong"
import json, sys
runs = json.load(open(sys.argv[1]))
assert [r["meta"]["imported-run"] for r in runs] == ["0", "2", "3", "5", "6"], runs
assert [r["added"] for r in runs] == ["2024-03-0%dT12:00:00Z" % (n + 1) for n in (0, 2, 3, 5, 6)], runs
assert all(r["input_format"] == "v1" for r in runs)
PY
# the archive answers as the repository does
su-archive --archive .stestr history --format=ids sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache > from-repo
run su-archive history --format=ids sampleproj.tests.test_order_b.TestCacheCold.test_cold_cache
expect_stdout "0
1
2
3
4"
su-archive --archive .stestr failing --format=ids > repo-failing
run su-archive failing --format=ids
cmp -s repo-failing "$TMP/out" || fail "failing differs after import"
run su-archive check
expect_status 0
