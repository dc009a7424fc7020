# When no quarantined test fails, nothing is rewritten: a v2 stream whose
# tests run one after another comes out byte for byte.
/usr/bin/python3 - > run.v2 <<'PY'
import sys
from subunit import StreamResultToBytes
out = StreamResultToBytes(sys.stdout.buffer)
for tid, status in (("pkg.a", "success"), ("pkg.b", "fail"), ("pkg.c", "skip")):
    out.status(test_id=tid, test_status="inprogress", test_tags={"worker-0"})
    out.status(test_id=tid, test_status=status, test_tags={"worker-0"},
               file_name="log", file_bytes=b"x", mime_type="text/plain", eof=True)
PY
printf '[[test]]\nid = "pkg.a"\nreason = "r"\n' > q.toml
run su-filter --quarantine q.toml run.v2
expect_status 0
cmp -s run.v2 "$TMP/out" || fail "output differs from the input"
# Stray text and a quarantined failure: only that test's final packet
# changes (and its reason is added); the text stays raw bytes.
printf 'stray output line\n' > mixed.v2
cat run.v2 >> mixed.v2
printf '[[test]]\nid = "pkg.b"\nreason = "known"\n' > qb.toml
run su-filter --quarantine qb.toml mixed.v2
expect_status 0
head -c 18 "$TMP/out" | cmp -s - <(printf 'stray output line\n') || fail "stray text not kept raw"
cp "$TMP/out" out.v2
run su-json out.v2
expect_stdout_contains '"id":"pkg.b","status":"xfail"'
expect_stdout_contains '"id":"pkg.a","status":"success"'
