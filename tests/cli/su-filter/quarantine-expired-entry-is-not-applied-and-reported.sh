# An entry past its expiry date is not applied: the failure stands, and
# stderr says so, even for an expired entry that matched nothing.
/usr/bin/python3 - > run.v2 <<'PY'
import sys
from subunit import StreamResultToBytes
out = StreamResultToBytes(sys.stdout.buffer)
for tid in ("pkg.test_old", "pkg.test_new"):
    out.status(test_id=tid, test_status="inprogress")
    out.status(test_id=tid, test_status="fail")
PY
cat > q.toml <<'TOML'
[[test]]
id = "pkg.test_old"
reason = "was flaky in 2019"
expires = 2020-01-01

[[test]]
id = "pkg.test_new"
reason = "tracked"
expires = 2999-01-01

[[test]]
id = "pkg.test_gone"
reason = "deleted long ago"
expires = 2021-06-30
TOML
run su-filter --quarantine q.toml run.v2
expect_status 0
expect_stderr_contains "su-filter: warning: quarantine 'q.toml': line 1: entry for test 'pkg.test_old' expired 2020-01-01; not applied (1 failing result stands)"
expect_stderr_contains "su-filter: warning: quarantine 'q.toml': line 11: entry for test 'pkg.test_gone' expired 2021-06-30; not applied (0 failing results stand)"
expect_stderr_contains "1 failing result turned into xfail (1 of 3 entries applied)"
cp "$TMP/out" out.v2
run su-json out.v2
expect_stdout_contains '"id":"pkg.test_old","status":"fail"'
expect_stdout_contains '"id":"pkg.test_new","status":"xfail"'
