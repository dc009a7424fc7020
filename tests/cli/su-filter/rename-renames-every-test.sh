in="$CORPUS/v2-no-timestamps/input.v2"
run su-filter --rename 'test_' 'check_' "$in"
expect_status 0
su-ls "$TMP/out" > "$TMP/ids"
grep -q 'test_' "$TMP/ids" && fail "a test kept its old name (python skips skip/xfail/uxsuccess)"
su-ls "$in" | sed 's/test_/check_/g' | cmp -s - "$TMP/ids" || fail "renamed list differs"
