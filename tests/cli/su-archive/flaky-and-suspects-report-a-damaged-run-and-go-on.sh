# A run whose index is damaged is named on stderr; the others are counted;
# exit 3.
su-archive init 2>/dev/null
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/history.py" 40 archive || fail "history"
printf 'garbage' | dd of=.su/index/5.idx bs=1 seek=100 conv=notrunc 2>/dev/null
run su-archive flaky
expect_status 3
expect_stderr_contains "su-archive: error: '.su/index/5.idx': "
expect_stdout_contains "tests from 38 runs"
run su-archive suspects pkg.t.test_03
expect_status 3
expect_stderr_contains "'.su/index/5.idx'"
expect_stdout_contains "suspect: 'pkg.t.test_04'"
