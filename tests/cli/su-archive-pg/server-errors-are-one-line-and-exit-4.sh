# A bad connection string, no server, a database that does not exist, a
# role without rights, a schema newer than the tool: one line on stderr
# naming the location, exit 4 (no archive there yet: exit 2, with the fix).
source "${BASH_SOURCE%/*}/pg.bash"
one_line() { [ "$(wc -l < "$TMP/err")" -eq 1 ] || fail "stderr is not one line"; }
run su-archive --archive "postgresql://sutest@/x?host=/tmp&bogus=1" list
expect_status 4
expect_stderr_contains "not a valid connection string: invalid URI query parameter"
one_line
run su-archive --archive "postgresql://u:secret@%zz/db" list
expect_status 4
one_line
grep -q secret "$TMP/err" && fail "the password was printed"
# No server at all behind a socket directory.
mkdir sock
run su-archive --archive "host=$PWD/sock dbname=x" list
expect_status 4
expect_stderr_contains "su-archive: error: 'host=$PWD/sock dbname=x': cannot connect: connection to server on socket"
one_line
run su-archive --archive "${PG//$pg_db//${pg_db}_missing}" add "$CORPUS/v2-empty/input.v2"
expect_status 4
expect_stderr_contains "does not exist"
one_line
run su-archive --archive "$PG" list
expect_status 2
expect_stderr_contains "no archive in '$PG' (create one with 'su-archive init')"
su-archive --archive "$PG" init 2>/dev/null
role=r$pg_db
sql "CREATE ROLE $role LOGIN" >/dev/null
stranger=$(printf '%s' "$PG" | sed -E "s#://[^@/]*@#://$role@#")
run su-archive --archive "$stranger" add "$CORPUS/v2-empty/input.v2"
expect_status 4
expect_stderr_contains "permission denied for"
one_line
sql "DROP ROLE $role" >/dev/null
sql "UPDATE su_schema SET version = 99" >/dev/null
run su-archive --archive "$PG" list
expect_status 4
expect_stderr_contains "the archive's schema is version 99, newer than this su-archive knows (2)"
one_line
run su-archive --archive "$PG" init
expect_status 4
expect_stderr_contains "newer than this su-archive knows"
