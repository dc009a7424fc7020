# --archive DIR --run ID renders the stored run: the same rows as the
# stream it was added from, with the run's metadata in the summary.
input="$CORPUS/real-stestr-run-6/input.v1"
su-archive init 2>/dev/null
su-archive add "$CORPUS/real-stestr-run-0/input.v1" >/dev/null
su-archive add --meta commit=abc123 "$input" >/dev/null
run su-report --archive .su --run last -o stored.html
expect_status 0
su-report "$input" -o direct.html
grep '^<tr data-test-id' stored.html > stored.rows
grep '^<tr data-test-id' direct.html > direct.rows
[ -s direct.rows ] || fail "no rows"
cmp -s stored.rows direct.rows || fail "stored run's rows differ from the stream's"
grep -q '<h1>Run 1</h1>' stored.html || fail "title"
grep -q '<dt>commit</dt><dd>abc123</dd>' stored.html || fail "metadata"
run su-report --archive .su --run=-2 -o first.html
expect_status 0
run su-report --archive .su --run 7 -o none.html
expect_status 2
