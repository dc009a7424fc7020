su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive failing 0 --format=ids > before
truncate -s 100 .su/index/0.idx
run su-archive check --no-repair
expect_status 3
expect_stderr_contains "su-archive: warning: run 0: '.su/index/0.idx': frame at byte 8: cut short ("
expect_stderr_contains "payload bytes expected, 83 present); index rebuilt from the stream (not repaired)"
expect_stderr_contains "checked 1 runs: 0 damaged, 1 to repair"
[ "$(stat -c %s .su/index/0.idx)" = 100 ] || fail "--no-repair changed the index"
run su-archive check
expect_status 0
expect_stderr_contains "checked 1 runs: 0 damaged, 1 repaired"
run su-archive failing 0 --format=ids
cmp -s before "$TMP/out" || fail "rebuilt index answers differently"
