su-archive init 2>/dev/null
su-archive add --meta commit=abc "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive add "$CORPUS/real-stestr-last/input.v2" >/dev/null
su-archive failing 0 --format=ids > before
# flip a byte near the end of run 0's index (inside its test rows)
size=$(stat -c %s .su/index/0.idx)
printf '\x55' | dd of=.su/index/0.idx bs=1 seek=$((size - 20)) conv=notrunc 2>/dev/null
run su-archive failing 0
expect_status 3
expect_stderr_contains "su-archive: error: '.su/index/0.idx': frame at byte"
expect_stderr_contains "CRC mismatch"
# the other run keeps working
run su-archive failing 1
expect_status 1
run su-archive check --no-repair
expect_status 3
expect_stderr_contains "run 0:"
run su-archive check
expect_status 0
expect_stderr_contains "index rebuilt from the stream"
run su-archive failing 0 --format=ids
cmp -s before "$TMP/out" || fail "rebuilt index answers differently"
run su-archive list
expect_stdout_contains "commit=abc"
run su-archive check
expect_status 0
expect_stderr_contains "checked 2 runs: 0 damaged, 0 repaired"
