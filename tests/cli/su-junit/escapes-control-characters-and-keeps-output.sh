# Control characters XML cannot hold become control pictures, CR survives
# as a reference, attachments land in system-out/system-err, and non-test
# output in the suite's system-out.
here=$(dirname "${BASH_SOURCE[0]}")
python3 "$here/../su-trace/make-v2.py" \
  'P("pkg.Case.test_ctl\x01", "inprogress", ts=0)' \
  'P("pkg.Case.test_ctl\x01", file="traceback", data="Trace\x02back\r\nValueError: <&>\n", mime="text/x-traceback; charset=utf8", ts=1)' \
  'P("pkg.Case.test_ctl\x01", file="stdout", data="out & about\n", mime="text/plain", ts=1)' \
  'P("pkg.Case.test_ctl\x01", file="stderr", data="warned\n", mime="text/plain", ts=1)' \
  'P("pkg.Case.test_ctl\x01", "fail", ts=1.5)' \
  'T("stray ]]> text\n")' > run.v2
run su-junit run.v2
expect_status 1
xmllint --noout "$TMP/out" || fail "not well-formed"
expect_stdout_contains 'name="test_ctl␁"'
expect_stdout_contains 'message="ValueError: &lt;&amp;&gt;"'
expect_stdout_contains 'Trace␂back&#xD;'
expect_stdout_contains '<system-out>out &amp; about'
expect_stdout_contains '<system-err>warned'
expect_stdout_contains '<system-out>stray ]]&gt; text'
