run su-report -o - < "$CORPUS/real-direct-run/input.v2"
expect_status 0
expect_stderr_empty
head -c 15 "$TMP/out" | grep -q '<!DOCTYPE html>' || fail "not an HTML page"
tail -c 8 "$TMP/out" | grep -q '</html>' || fail "page not complete"
su-report - -o file.html < "$CORPUS/real-direct-run/input.v2"
cmp -s file.html "$TMP/out" || fail "stdout and file differ"
