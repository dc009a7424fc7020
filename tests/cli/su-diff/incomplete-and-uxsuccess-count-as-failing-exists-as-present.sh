# A test that never finished, or succeeded unexpectedly, fails; a test only
# listed (exists) is present with status exists and does not fail.
here=$(dirname "${BASH_SOURCE[0]}")
printf '%s\n' 'a success' 'b success' 'c exists' 'd exists' 'e skip' |
  /usr/bin/python3 "$here/stream.py" > "$TMP/old.v2" || fail "stream.py failed"
printf '%s\n' 'a open' 'b uxsuccess' 'c success' 'd exists' 'e xfail' |
  /usr/bin/python3 "$here/stream.py" > "$TMP/new.v2" || fail "stream.py failed"
run su-diff --format=ids --section=new-failures "$TMP/old.v2" "$TMP/new.v2"
expect_status 1
expect_stdout "$(printf 'a\nb')"
run su-diff --format=ids --section=status-changes "$TMP/old.v2" "$TMP/new.v2"
expect_stdout "$(printf 'c\ne')"
run su-diff "$TMP/old.v2" "$TMP/new.v2"
expect_stdout_contains "  a  success -> incomplete"
expect_stdout_contains "  c  exists -> success"
expect_stdout_contains "  e  skip -> xfail"
run su-diff --format=ids --section=added "$TMP/old.v2" "$TMP/new.v2"
expect_stdout_empty
