# Test cases past the in-memory limit (--buffer-size, 32M by default) go to
# a temporary file in $TMPDIR; the report is the same, and an unusable
# TMPDIR is an I/O error, but only once the file is needed.
here=$(dirname "${BASH_SOURCE[0]}")
python3 "$here/../su-trace/make-v2.py" 'for i in range(20000): P("big.Case.test_%d" % i, "inprogress", ts=i, tags=["worker-%d" % (i % 4)]); P("big.Case.test_%d" % i, "fail" if i % 50 == 0 else "success", ts=i + 0.5, tags=["worker-%d" % (i % 4)])' > big.v2
mkdir spool
TMPDIR=$TMP/spool run su-junit big.v2
expect_status 1
cp "$TMP/out" in-memory.xml
TMPDIR=$TMP/spool run su-junit --buffer-size=64K big.v2
expect_status 1
cmp -s "$TMP/out" in-memory.xml || fail "the spooled report differs from the one kept in memory"
TMPDIR=$TMP/spool run su-junit --format=subunit2junitxml big.v2
cp "$TMP/out" python-in-memory.xml
TMPDIR=$TMP/spool run su-junit --format=subunit2junitxml --buffer-size=0 big.v2
cmp -s "$TMP/out" python-in-memory.xml || fail "python format: the spooled report differs"
TMPDIR=$TMP/spool run su-junit --buffer-size=64K big.v2
[ "$(grep -c '<testcase ' "$TMP/out")" -eq 20000 ] || fail "not 20000 test cases"
grep -q '<testsuites name="subunit" tests="20000" ' "$TMP/out" || fail "header counts"
xmllint --noout "$TMP/out" || fail "not well-formed"
[ -z "$(ls spool)" ] || fail "temporary file left behind"
TMPDIR=/nonexistent/dir run su-junit big.v2
expect_status 1
TMPDIR=/nonexistent/dir run su-junit --buffer-size=64k big.v2
expect_status 4
expect_stderr_contains "su-junit: error: cannot create a temporary file in '/nonexistent/dir'"
