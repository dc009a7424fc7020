# Results deleted or altered behind su-archive's back: check reports it
# (exit 3 without repair), rebuilds them from the stored stream, and the
# queries answer as before. A stream that no longer decodes is damage.
source "${BASH_SOURCE%/*}/pg.bash"
su-archive --archive "$PG" init 2>/dev/null
su-archive --archive "$PG" add "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive --archive "$PG" add "$CORPUS/real-stestr-run-0/input.v1" >/dev/null
su-archive --archive "$PG" failing 0 --format=json > before
sql "DELETE FROM su_results WHERE run = 0 AND status = 6" >/dev/null
sql "UPDATE su_results SET worker = 0 WHERE run = 1" >/dev/null
run su-archive --archive "$PG" check --no-repair
expect_status 3
expect_stderr_contains "run 0: results disagree with the stream; rebuilt from the stream (not repaired)"
expect_stderr_contains "checked 2 runs: 0 damaged, 2 to repair"
run su-archive --archive "$PG" check
expect_status 0
expect_stderr_contains "checked 2 runs: 0 damaged, 2 repaired"
run su-archive --archive "$PG" failing 0 --format=json
expect_status 1
expect_stdout_file before
run su-archive --archive "$PG" check --no-repair
expect_status 0
sql "UPDATE su_streams SET data = overlay(data placing '\\x00000000'::bytea from 20) WHERE run = 1" >/dev/null
run su-archive --archive "$PG" check --no-repair
expect_status 3
expect_stderr_contains "run 1: "
expect_stderr_contains "1 damaged"
run su-archive --archive "$PG" show 1
[ "$status" -eq 3 ] || fail "show of a damaged stream: exit $status"
