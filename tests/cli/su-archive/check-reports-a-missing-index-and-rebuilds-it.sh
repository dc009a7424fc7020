su-archive init 2>/dev/null
su-archive add --meta commit=abc "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive failing 0 --format=ids > before
rm .su/index/0.idx
run su-archive failing 0
expect_status 3
expect_stderr_contains "'.su/index/0.idx': index missing ('su-archive check' rebuilds it from the stream)"
run su-archive check --no-repair
expect_status 3
expect_stderr_contains "run 0: '.su/index/0.idx': index missing; index rebuilt from the stream (not repaired)"
run su-archive check
expect_status 0
run su-archive failing 0 --format=ids
cmp -s before "$TMP/out" || fail "rebuilt index answers differently"
