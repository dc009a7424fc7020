here=$(dirname "${BASH_SOURCE[0]}")
python3 "$here/make-v2.py" 'P("a.ok", "success", ts=1)' 'P("a.bad", "fail", ts=2)' > run.v2
run su-trace run.v2
grep -q $'\x1b' "$TMP/out" && fail "colour on a pipe"
run su-trace --color run.v2
grep -q $'\x1b' "$TMP/out" && fail "--color (auto) coloured a pipe"
run su-trace --color=always run.v2
expect_stdout_contains $'{0} a.ok [0.000000s] ... \x1b[32;1mok\x1b[0m'
expect_stdout_contains $'\x1b[31;1mFAILED\x1b[0m'
run su-trace --color=sometimes run.v2
expect_status 2
expect_stderr_contains "'sometimes' is not one of auto, always, never"
