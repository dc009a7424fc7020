# 0 when tests passed and none failed; 1 when one failed, none passed, or
# none ran (saying which).
here=$(dirname "${BASH_SOURCE[0]}")
python3 "$here/make-v2.py" 'P("a.ok", "success", ts=1)' 'P("a.skip", "skip", ts=1)' > ok.v2
run su-trace ok.v2
expect_status 0
python3 "$here/make-v2.py" 'P("a.ok", "success", ts=1)' 'P("a.bad", "fail", ts=1)' > fail.v2
run su-trace fail.v2
expect_status 1
python3 "$here/make-v2.py" 'P("a.skip", "skip", ts=1)' 'P("a.x", "xfail", ts=1)' > none.v2
run su-trace none.v2
expect_status 1
expect_stdout_contains "No tests were successful during the run"
python3 "$here/make-v2.py" 'P("a.ok", "success", ts=1)' 'P("a.hang", "inprogress", ts=1)' > hang.v2
run su-trace hang.v2
expect_status 1
expect_stdout_contains "{0} a.hang [] ... inprogress"
run su-trace "$CORPUS/v2-empty/input.v2"
expect_status 1
expect_stdout "The test run didn't actually run any tests"
