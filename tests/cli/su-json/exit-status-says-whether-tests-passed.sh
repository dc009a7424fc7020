run su-json "$CORPUS/real-list-exists/input.v2"
expect_status 0
expect_stdout_contains '"status":"exists"'
# success, skip, xfail and uxsuccess all count as passing, as in su-ls.
/usr/bin/python3 - > pass.v2 <<'PY'
import sys
from subunit import StreamResultToBytes
out = StreamResultToBytes(sys.stdout.buffer)
for i, status in enumerate(["success", "skip", "xfail", "uxsuccess"]):
    out.status(test_id="t%d" % i, test_status="inprogress")
    out.status(test_id="t%d" % i, test_status=status)
PY
run su-json pass.v2
expect_status 0
expect_stdout_contains '"id":"t3","status":"uxsuccess"'
run su-json "$CORPUS/real-testr-failing/input.v2"
expect_status 1
expect_stdout_contains '"status":"fail"'
