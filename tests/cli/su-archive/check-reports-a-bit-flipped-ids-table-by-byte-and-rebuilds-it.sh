su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive add "$CORPUS/real-stestr-last/input.v2" >/dev/null
su-archive failing 1 --format=ids > before
printf '\x55' | dd of=.su/ids bs=1 seek=30 conv=notrunc 2>/dev/null
run su-archive failing 1
expect_status 3
run su-archive check --no-repair
expect_status 3
expect_stderr_contains "warning: '.su/ids': frame at byte 8: CRC mismatch (stored 0x"
expect_stderr_contains "rebuilt from the streams (not repaired)"
expect_stderr_contains "run 0: index refers to the damaged ids table"
expect_stderr_contains "run 1: index refers to the damaged ids table"
run su-archive check
expect_status 0
expect_stderr_contains "checked 2 runs: 0 damaged, 3 repaired"
run su-archive failing 1 --format=ids
cmp -s before "$TMP/out" || fail "rebuilt table answers differently"
run su-archive check
expect_stderr_contains "checked 2 runs: 0 damaged, 0 repaired"
