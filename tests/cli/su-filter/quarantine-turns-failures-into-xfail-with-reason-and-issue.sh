# A failing result of a quarantined test becomes xfail, with its reason and
# issue attached for su-trace, su-junit and su-json; passing results and
# other tests are left alone; what was done is counted on stderr.
/usr/bin/python3 - > run.v2 <<'PY'
import sys
from subunit import StreamResultToBytes
out = StreamResultToBytes(sys.stdout.buffer)
def test(tid, status):
    out.status(test_id=tid, test_status="inprogress", test_tags={"worker-0"})
    out.status(test_id=tid, test_status=status, test_tags={"worker-0"},
               file_name="traceback", file_bytes=b"boom\n", mime_type="text/plain", eof=True)
test("pkg.t.test_flaky", "fail")
test("pkg.t.test_ok", "success")
test("pkg.slow.test_a", "fail")
test("pkg.slow.test_b", "success")
test("pkg.t.test_real", "fail")
PY
cat > q.toml <<'TOML'
[[test]]
id = "pkg.t.test_flaky"    # exact
reason = "fails 1 in 30 on worker-0"
issue = "https://tracker.example/123"
expires = 2999-01-31

[[test]]
pattern = "^pkg\\.slow\\."
reason = "slow ones time out"
TOML
run su-filter --quarantine q.toml run.v2
expect_status 0
expect_stderr_contains "su-filter: quarantine 'q.toml': 2 failing results turned into xfail (2 of 2 entries applied), 1 passing result of listed tests left alone"
cp "$TMP/out" out.v2
run su-json --attachments out.v2
python3 - "$TMP/out" <<'PY' || fail "su-json wrong"
import json, sys
rows = {r["id"]: r for r in map(json.loads, open(sys.argv[1]))}
f = rows["pkg.t.test_flaky"]
assert f["status"] == "xfail", f
att = {a["name"]: a.get("text") for a in f["attachments"]}
assert att["quarantine-reason"] == "fails 1 in 30 on worker-0" and att["quarantine-issue"] == "https://tracker.example/123", att
assert att["traceback"] == "boom\n"
s = rows["pkg.slow.test_a"]
assert s["status"] == "xfail" and "quarantine-issue" not in {a["name"] for a in s["attachments"]}
assert rows["pkg.slow.test_b"]["status"] == "success"
assert rows["pkg.t.test_ok"]["status"] == "success"
assert rows["pkg.t.test_real"]["status"] == "fail"
PY
run su-trace out.v2
expect_stdout_contains "fails 1 in 30 on worker-0"
expect_stdout_contains "https://tracker.example/123"
run su-junit out.v2
expect_stdout_contains "[quarantine-reason]"
run su-stats --no-passthrough out.v2
expect_stdout_contains "Failed tests:      1"
