# Another writer has inserted one of the run's new test ids and not yet
# committed: the add's insert waits for it, meets the id on commit (a unique
# violation), and takes the ON CONFLICT path instead: the run lands, with
# the other writer's number for that id and every id stored once.
source "${BASH_SOURCE%/*}/pg.bash"
su-archive --archive "$PG" init 2>/dev/null
shared=sampleproj.tests.test_arith.TestAdd.test_add_01
psql "$PG" -qX -v ON_ERROR_STOP=1 >/dev/null 2>other.err <<SQL &
BEGIN;
INSERT INTO su_tests (name, hash) VALUES ('$shared', sha256('$shared'));
SELECT pg_sleep(2);
COMMIT;
SQL
other=$!
# Wait until the other writer holds its row, uncommitted.
for _ in $(seq 50); do
  [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
            AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()")" = 1 ] && break
  sleep 0.1
done
run su-archive --archive "$PG" add "$CORPUS/real-direct-run/input.v2"
expect_status 0
wait "$other" || { cat other.err >&2; fail "the other writer failed"; }
[ "$(sql "SELECT count(*) FROM su_tests WHERE name = '$shared'")" = 1 ] ||
  fail "the shared id is stored more than once"
[ "$(sql 'SELECT count(*) - count(DISTINCT name) FROM su_tests')" = 0 ] || fail "duplicate test ids"
# The other writer drew number 1; the add's first, plain insert drew
# numbers and was rolled back: its ids come after a gap.
[ "$(sql "SELECT id FROM su_tests WHERE name = '$shared'")" = 1 ] ||
  fail "the shared id should keep the other writer's number"
[ "$(sql 'SELECT max(id) > count(*) FROM su_tests')" = t ] ||
  fail "no gap in the numbers: the add did not retry after the conflict"
[ "$(sql "SELECT count(*) FROM su_results r JOIN su_tests t ON t.id = r.test
          WHERE t.name = '$shared'")" = 1 ] || fail "the run's result for the shared id is missing"
run su-archive --archive "$PG" check
expect_status 0
