# RUN may be 'last-green' (the most recent run in which nothing failed) or
# KEY=VALUE (the most recent run with that metadata), so a gate reads
# su-diff <(su-archive show last-green) this.subunit.
su-filter --no-failure "$CORPUS/real-stestr-run-6/input.v1" > green-a.v2
su-filter --no-failure "$CORPUS/real-stestr-run-3/input.v1" > green-b.v2
su-archive init 2>/dev/null
su-archive add --meta branch=main green-a.v2 >/dev/null                              # 0
su-archive add --meta branch=main "$CORPUS/real-stestr-run-3/input.v1" >/dev/null    # 1
su-archive add --meta branch=topic green-b.v2 >/dev/null                             # 2
su-archive add --meta branch=topic "$CORPUS/real-stestr-run-6/input.v1" >/dev/null   # 3

run su-archive show last-green
expect_status 0
expect_stdout_file green-b.v2
run su-archive show branch=main
expect_stdout_file <(su-upgrade "$CORPUS/real-stestr-run-3/input.v1")
run su-archive failing --format=ids branch=topic
expect_status 1
cmp -s "$TMP/out" <(su-archive failing --format=ids 3) || fail "branch=topic is not run 3"
run su-archive slowest -n 1 last-green
expect_status 0

# the gate: the last run against the last green one
run su-diff --format=ids --section=new-failures <(su-archive show last-green) <(su-archive show last)
expect_status 1
[ -s "$TMP/out" ] || fail "no new failures listed"
run su-diff <(su-archive show last-green) green-b.v2
expect_status 0

su-archive remove 2 2>/dev/null
run su-archive show last-green
expect_stdout_file green-a.v2
run su-archive show branch=nowhere
expect_status 2
expect_stderr_contains "no run in '.su' has metadata branch=nowhere"
run su-archive show =x
expect_status 2
expect_stderr_contains "'=x' is not a run"
su-archive remove 0 2>/dev/null
run su-archive show last-green
expect_status 2
expect_stderr_contains "no run in '.su' passed"
