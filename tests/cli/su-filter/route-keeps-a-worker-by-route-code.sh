run su-filter --route=1 "$CORPUS/v2-route-codes-simple/input.v2"
expect_status 0
su-ls "$TMP/out" > "$TMP/ids"
su-filter --route=0 "$CORPUS/v2-route-codes-simple/input.v2" | su-ls > "$TMP/ids0"
[ -s "$TMP/ids" ] && [ -s "$TMP/ids0" ] || fail "a route kept nothing"
cat "$TMP/ids" "$TMP/ids0" | sort > "$TMP/both"
su-ls "$CORPUS/v2-route-codes-simple/input.v2" | sort > "$TMP/all"
cmp -s "$TMP/both" "$TMP/all" || fail "routes 0 and 1 do not add up to the run"
