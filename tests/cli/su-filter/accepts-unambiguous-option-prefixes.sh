in="$CORPUS/real-stestr-last/input.v2"
su-filter --no-pass --no-succ "$in" > "$TMP/a"
su-filter --no-passthrough --no-success "$in" > "$TMP/b"
cmp -s "$TMP/a" "$TMP/b" || fail "prefixes not expanded"
run su-filter --no-s "$in"
expect_status 2
