# A server of its own, stopped after an add: the next command says it
# cannot connect, in one line, with exit 4, and a started server's
# archive answers again.
here=${BASH_SOURCE%/*}
# Not under $TMP: the server's user must reach its directory.
env=$("$here/../../pg/start-server.sh" 2>"$TMP/start.err") || { cat "$TMP/start.err" >&2; fail "cannot start a server"; }
eval "$env"
pgdir=$SU_TEST_PG_DIR
trap '"$here/../../pg/stop-server.sh" "$pgdir"' EXIT
own=$SU_TEST_PG
su-archive --archive "$own" init 2>/dev/null
run su-archive --archive "$own" add "$CORPUS/real-direct-run/input.v2"
expect_stdout "0"
bin=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
as_owner=()
[ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)
"${as_owner[@]}" "$bin/pg_ctl" -D "$pgdir/data" -m fast -w -s stop || fail "cannot stop the server"
run su-archive --archive "$own" list
expect_status 4
expect_stderr_contains "su-archive: error: '$own': cannot connect: connection to server on socket \"$pgdir/.s.PGSQL.5432\" failed: No such file or directory"
[ "$(wc -l < "$TMP/err")" -eq 1 ] || fail "stderr is not one line"
run su-archive --archive "$own" add "$CORPUS/v2-empty/input.v2"
expect_status 4
expect_stdout_empty
"${as_owner[@]}" "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -s \
  -o "-c listen_addresses='' -c unix_socket_directories='$pgdir' -c fsync=off" start ||
  fail "cannot restart the server"
run su-archive --archive "$own" list --format=json
expect_status 0
python3 -c 'import json,sys; assert [r["id"] for r in json.load(open(sys.argv[1]))] == [0]' "$TMP/out" || fail "the run is not there after the restart"
