in="$CORPUS/real-stestr-last/input.v2"
run su-filter --min-duration=1000000 "$in"
expect_status 0
su-ls --no-passthrough "$TMP/out" | grep -q . && fail "a test took over 11 days"
run su-filter --min-duration=0 "$in"
[ "$(su-ls --no-passthrough "$TMP/out" | wc -l)" -eq "$(su-ls --no-passthrough "$in" | wc -l)" ] || fail "--min-duration=0 dropped tests"
run su-filter --since=2000-01-01T00:00:00Z --until=2999-01-01 "$in"
[ "$(su-ls --no-passthrough "$TMP/out" | wc -l)" -eq "$(su-ls --no-passthrough "$in" | wc -l)" ] || fail "a wide window dropped tests"
run su-filter --until=2000-01-01 "$in"
su-ls --no-passthrough "$TMP/out" | grep -q . && fail "tests before 2000"
run su-filter --since=yesterday "$in"
expect_status 2
expect_stderr_contains "--since: bad time 'yesterday'"
