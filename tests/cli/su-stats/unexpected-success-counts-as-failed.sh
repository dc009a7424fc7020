# One rule for what fails (fail, uxsuccess, incomplete), as su-diff and
# su-archive failing count it: an unexpected success fails the run.
/usr/bin/python3 - > ux.v2 <<'PY'
import sys
from subunit import StreamResultToBytes
out = StreamResultToBytes(sys.stdout.buffer)
for i, status in enumerate(["success", "xfail", "uxsuccess"]):
    out.status(test_id="t%d" % i, test_status="inprogress")
    out.status(test_id="t%d" % i, test_status=status)
PY
run su-stats ux.v2
expect_status 1
expect_stdout_contains "Passed tests:      2"
expect_stdout_contains "Failed tests:      1"
su-archive init >/dev/null 2>&1
su-archive add ux.v2 >/dev/null
run su-archive failing --format=ids
expect_status 1
expect_stdout "t2"
run su-diff ux.v2 ux.v2
expect_stdout_contains "still-failing (1):"
