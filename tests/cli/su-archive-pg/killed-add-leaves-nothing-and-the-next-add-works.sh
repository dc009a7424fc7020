# kill -9 an add while it reads a slow pipe, its transaction open and part
# of the stream sent: the server rolls it back, nothing of it remains, and
# the next add works.
source "${BASH_SOURCE%/*}/pg.bash"
su-archive --archive "$PG" init 2>/dev/null
su-archive --archive "$PG" add "$CORPUS/real-direct-run/input.v2" >/dev/null
before=$(sql "SELECT (SELECT count(*) FROM su_runs), (SELECT count(*) FROM su_results),
                     (SELECT count(*) FROM su_streams), (SELECT count(*) FROM su_tests)")
mkfifo slow
su-archive --archive "$PG" add < slow > /dev/null 2>&1 &
pid=$!
exec 3> slow
head -c 40000 "$CORPUS/real-stestr-last/input.v2" >&3
# Wait until the add's transaction is open on the server.
for _ in $(seq 50); do
  [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'su-archive'
            AND datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()")" -ge 1 ] && break
  sleep 0.1
done
[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'su-archive'
          AND datname = current_database() AND xact_start IS NOT NULL")" -ge 1 ] ||
  fail "the add should have its transaction open by now"
kill -9 "$pid"
wait "$pid" 2>/dev/null
exec 3>&-
# The server notices the closed connection and rolls back.
for _ in $(seq 50); do
  [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'su-archive'
            AND datname = current_database()")" = 0 ] && break
  sleep 0.1
done
after=$(sql "SELECT (SELECT count(*) FROM su_runs), (SELECT count(*) FROM su_results),
                    (SELECT count(*) FROM su_streams), (SELECT count(*) FROM su_tests)")
[ "$before" = "$after" ] || fail "the killed add left something: $before -> $after"
run su-archive --archive "$PG" list --format=json
python3 -c 'import json,sys; assert [r["id"] for r in json.load(open(sys.argv[1]))] == [0]' "$TMP/out" || fail "listing changed"
run su-archive --archive "$PG" add "$CORPUS/real-stestr-last/input.v2"
expect_status 0
run su-archive --archive "$PG" show last
expect_stdout_file "$CORPUS/real-stestr-last/input.v2"
run su-archive --archive "$PG" check
expect_status 0
expect_stderr_contains "checked 2 runs: 0 damaged, 0 repaired"
