# sync from a local archive and from a .stestr directory: the runs arrive
# as they were (same listing, same streams), and a second sync adds nothing.
source "${BASH_SOURCE%/*}/pg.bash"
su-archive --archive "$PG" init 2>/dev/null
su-archive init 2>/dev/null
su-archive add --meta commit=a1 "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive add "$CORPUS/real-stestr-run-2/input.v1" >/dev/null
su-archive add "$CORPUS/v2-empty/input.v2" >/dev/null
run su-archive sync --from .su --to "$PG"
expect_status 0
expect_stdout "0
1
2"
expect_stderr_contains "synced 3 runs from '.su'"
su-archive list --format=json > local.json
su-archive --archive "$PG" list --format=json > pg.json
cmp -s local.json pg.json || { diff local.json pg.json >&2; fail "synced runs list differently"; }
for id in 0 1 2; do
  su-archive show $id > local.v2
  su-archive --archive "$PG" show $id > pg.v2
  cmp -s local.v2 pg.v2 || fail "run $id's stream differs after sync"
done
run su-archive sync --from .su --to "$PG"
expect_status 0
expect_stdout_empty
expect_stderr_contains "synced 0 runs from '.su'"
expect_stderr_contains "(3 already there)"
# A new local run: only it is sent. SU_ARCHIVE is the default --to.
su-archive add "$CORPUS/v2-route-codes/input.v2" >/dev/null
SU_ARCHIVE=$PG run su-archive sync --from .su
expect_stdout "3"
# A .stestr directory read in place: its runs get uuids from their contents.
mkdir .stestr && printf '1\n' > .stestr/format && echo 7 > .stestr/next-stream
for n in 0 2; do cp "$CORPUS/real-stestr-run-$n/input.v1" .stestr/$n; done
run su-archive sync --from .stestr --to "$PG"
expect_stdout "4
5"
run su-archive sync --from .stestr --to "$PG"
expect_stdout_empty
expect_stderr_contains "(2 already there)"
[ "$(sql 'SELECT count(*) FROM su_runs')" = 6 ] || fail "server has $(sql 'SELECT count(*) FROM su_runs') runs"
run su-archive --archive "$PG" failing 5 --format=ids
su-archive --archive .stestr failing 2 --format=ids > expected
expect_stdout_file expected
# The same database named by key=value words, as SU_ARCHIVE
# (when the test server is on a Unix socket, named by ?host= in its URI).
socket=$(printf '%s' "$PG" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p')
user=$(printf '%s' "$PG" | sed -n 's#^postgres\(ql\)\{0,1\}://\([^:@/]*\)[:@].*#\2#p')
if [ -n "$socket" ] && [ -n "$user" ]; then
  su-archive --archive "$PG" list > by-uri
  SU_ARCHIVE="host=$socket dbname=$pg_db user=$user" run su-archive list
  expect_status 0
  expect_stdout_file by-uri
fi
