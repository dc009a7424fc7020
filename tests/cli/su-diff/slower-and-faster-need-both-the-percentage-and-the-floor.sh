here=$(dirname "${BASH_SOURCE[0]}")
# Durations old -> new: a 1 -> 2 s, b 2 -> 1 s, c 1 -> 1.2 s, d 0.01 -> 0.05 s.
printf '%s\n' 'a success start=0 stop=1' 'b success start=1 stop=3' \
  'c success start=3 stop=4' 'd success start=4 stop=4.01' |
  /usr/bin/python3 "$here/stream.py" > "$TMP/old.v2" || fail "stream.py failed"
printf '%s\n' 'a success start=0 stop=2' 'b success start=2 stop=3' \
  'c success start=3 stop=4.2' 'd success start=5 stop=5.05' |
  /usr/bin/python3 "$here/stream.py" > "$TMP/new.v2" || fail "stream.py failed"
run su-diff "$TMP/old.v2" "$TMP/new.v2"
expect_status 0
expect_stdout_contains "slower (1):"
expect_stdout_contains "  a  1.000 s -> 2.000 s (+100%)"
expect_stdout_contains "faster (1):"
expect_stdout_contains "  b  2.000 s -> 1.000 s (-50%)"
expect_stdout_contains "  old '$TMP/old.v2': 4 tests, 0 failing, 4.010 s"
expect_stdout_contains "  new '$TMP/new.v2': 4 tests, 0 failing, 5.050 s (+25.9%)"
run su-diff --format=ids --section=slower --slower=10 "$TMP/old.v2" "$TMP/new.v2"
expect_stdout "$(printf 'a\nc')"
run su-diff --format=ids --section=slower --slower=10 --min-seconds=0.01 "$TMP/old.v2" "$TMP/new.v2"
expect_stdout "$(printf 'a\nc\nd')"
run su-diff --fail-on=any "$TMP/old.v2" "$TMP/new.v2"
expect_status 1
run su-diff --slower=-5 "$TMP/old.v2" "$TMP/new.v2"
expect_status 2
