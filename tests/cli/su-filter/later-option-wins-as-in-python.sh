in="$CORPUS/real-stestr-last/input.v2"
# -F then -s: successes come back (python's optparse order).
su-filter -F -s "$in" | su-ls --no-passthrough > "$TMP/a"
su-filter --no-skip --no-xfail --no-passthrough "$in" | su-ls --no-passthrough > "$TMP/b"
cmp -s "$TMP/a" "$TMP/b" || fail "-F -s is not --no-skip --no-xfail --no-passthrough"
# -s then -F: successes are dropped again.
su-filter -s -F "$in" | su-ls --no-passthrough > "$TMP/c"
cmp -s "$TMP/c" "$CORPUS/real-stestr-last/golden/filter_F+ls.out" || fail "-s -F is not -F"
