su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive failing 0 --format=ids > before
# Cut short: what an interrupted append leaves, so not damage in itself,
# but the index names ids the table no longer has.
truncate -s 50 .su/ids
run su-archive failing 0
expect_status 3
expect_stderr_contains "'.su/index/0.idx': index was written against another ids table ('su-archive check' rebuilds it)"
run su-archive check --no-repair
expect_status 3
expect_stderr_contains "run 0: index needs 200 test ids of ids table "
expect_stderr_contains "but '.su/ids' holds 0 of table 0 (frame at byte 8: cut short ("
run su-archive check
expect_status 0
run su-archive failing 0 --format=ids
cmp -s before "$TMP/out" || fail "renumbered run answers differently"
# Missing altogether.
rm .su/ids
run su-archive check --no-repair
expect_status 3
expect_stderr_contains "but '.su/ids' is missing; index rebuilt from the stream (not repaired)"
run su-archive check
expect_status 0
run su-archive failing 0 --format=ids
cmp -s before "$TMP/out" || fail "renumbered run answers differently"
