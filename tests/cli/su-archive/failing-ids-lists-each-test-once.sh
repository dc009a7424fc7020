# A setUpClass error reported on two workers is two failing results of one
# test: --format=ids is a load-list, so it names the test once; the text
# and JSON listings keep both results. uxsuccess fails here as in su-diff.
/usr/bin/python3 - > twice.v2 <<'PY'
import sys
from subunit import StreamResultToBytes
out = StreamResultToBytes(sys.stdout.buffer)
def test(tid, status, worker):
    out.status(test_id=tid, test_status="inprogress", test_tags={worker})
    out.status(test_id=tid, test_status=status, test_tags={worker})
test("pkg.TestA.setUpClass", "fail", "worker-0")
test("pkg.TestB.test_ok", "success", "worker-0")
test("pkg.TestA.setUpClass", "fail", "worker-1")
test("pkg.TestC.test_ux", "uxsuccess", "worker-1")
PY
su-archive init >/dev/null 2>&1
su-archive add twice.v2 >/dev/null
run su-archive failing --format=ids
expect_status 1
expect_stdout "pkg.TestA.setUpClass
pkg.TestC.test_ux"
run su-archive failing
[ "$(grep -c setUpClass "$TMP/out")" -eq 2 ] || fail "text listing should keep both results"
expect_stdout_contains "uxsuccess  pkg.TestC.test_ux"
