in="$CORPUS/v2-tags-changing/input.v2"
run su-filter -s --without-tag=worker-0 "$in"
expect_status 0
su-ls < "$TMP/out" | grep -qx tags.test_many_tags && fail "--without-tag kept a uxsuccess carrying the tag"
run su-filter --with=Error "$in"
su-ls < "$TMP/out" | grep -qx tags.test_many_tags && fail "--with=Error kept a uxsuccess without Error"
run su-filter --status=uxsuccess "$in"
su-ls < "$TMP/out" > "$TMP/ids"
grep -qx tags.test_many_tags "$TMP/ids" || fail "--status=uxsuccess lost the uxsuccess"
