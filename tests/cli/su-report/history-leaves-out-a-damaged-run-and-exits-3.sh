# A run whose index is damaged is named on stderr and on the page, and left
# out of the grid; the rest of the history is still written (exit 3).
su-archive init 2>/dev/null
su-archive add "$CORPUS/real-stestr-run-0/input.v1" >/dev/null
su-archive add "$CORPUS/real-stestr-run-6/input.v1" >/dev/null
size=$(stat -c %s .su/index/0.idx)
printf '\x55' | dd of=.su/index/0.idx bs=1 seek=$((size - 20)) conv=notrunc 2>/dev/null
run su-report --archive .su -o history.html
expect_status 3
expect_stderr_contains "su-report: error: '.su/index/0.idx':"
grep -q 'Left out, damaged: run 0:' history.html || fail "damage not on the page"
grep -q 'data-run="1"' history.html || fail "run 1 missing"
grep -q 'data-run="0"' history.html && fail "damaged run 0 in the grid"
grep -q '</html>' history.html || fail "page not complete"
