# Crashes in python-subunit 1.4.0.
in="$CORPUS/real-stestr-last/input.v2"
su-filter --status=fail "$in" | su-ls --no-passthrough > "$TMP/failing"
[ -s "$TMP/failing" ] || fail "fixture has no failures"
printf '# known\n%s\n' "$(head -n1 "$TMP/failing")" > "$TMP/known"
run su-filter --fixup-expected-failures="$TMP/known" --status=xfail "$in"
expect_status 0
su-ls --no-passthrough "$TMP/out" | grep -qx "$(head -n1 "$TMP/failing")" || fail "listed failure is not xfail"
su-filter --fixup-expected-failures="$TMP/known" --status=fail "$in" | su-ls --no-passthrough > "$TMP/still"
grep -qx "$(head -n1 "$TMP/failing")" "$TMP/still" && fail "listed failure still fails"
exit 0
