printf '#!/bin/sh\nprintf "test: t\\nsuccess: t\\n"\n' > pass.sh && chmod +x pass.sh
run su-repeat -n 3 -- ./pass.sh
expect_status 0
[ "$(grep -c '^su-repeat: run [123] of 3: 1 test, 0 failed (' "$TMP/err")" = 3 ] || fail "not one line per run"
grep -q "$(printf '\r')" "$TMP/err" && fail "a live line off a terminal"
run su-repeat --quiet -n 3 -- ./pass.sh
expect_stderr_empty
# on a terminal: one line redrawn in place with run K of N, elapsed, failures so far
if command -v script > /dev/null; then
  script -qec "su-repeat -n 2 -- ./pass.sh > /dev/null" /dev/null > tty.txt
  grep -q "$(printf '\r\033\[K')su-repeat: run 2 of 2, .* elapsed, no failures so far" tty.txt ||
    fail "no live line on a terminal: $(cat -v tty.txt)"
  grep -q "run 1 of 2: 1 test" tty.txt && fail "per-run lines on a terminal"
fi
true
