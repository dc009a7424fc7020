old="$CORPUS/real-stestr-run-3/input.v1" new="$CORPUS/real-stestr-run-5/input.v1"
su-diff "$old" "$new" 2>"$TMP/err" | head -1 > /dev/null
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "exit ${PIPESTATUS[0]} on a closed pipe"
expect_stderr_empty
