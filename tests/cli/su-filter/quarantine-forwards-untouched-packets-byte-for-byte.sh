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
