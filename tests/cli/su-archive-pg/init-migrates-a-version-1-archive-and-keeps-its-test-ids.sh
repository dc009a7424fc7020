# An archive a version-1 su-archive made is refused until `init` migrates
# it; the migration keeps the test ids already interned (their numbers and
# hashes), so adds after it find them rather than interning them again, and
# rebuilds su_results_test as the index that covers history.
source "${BASH_SOURCE%/*}/pg.bash"
psql "$PG" -qX -v ON_ERROR_STOP=1 -f "${BASH_SOURCE%/*}/schema-v1.sql" >/dev/null ||
  fail "cannot load the version-1 schema"
old_id=$(sql "SELECT id FROM su_tests WHERE name = 'sampleproj.tests.test_arith.TestAdd.test_add_01'")
run su-archive --archive "$PG" add "$CORPUS/real-direct-run/input.v2"
expect_status 4
expect_stderr_contains "the archive's schema is version 1; run 'su-archive init' to migrate it to 2"
[ "$(sql 'SELECT count(*) FROM su_runs')" = 0 ] || fail "the refused add added a run"

run su-archive --archive "$PG" init
expect_status 0
expect_stderr_contains "migrated archive"
[ "$(sql 'SELECT version FROM su_schema')" = 2 ] || fail "su_schema does not say 2"
[ "$(sql "SELECT attgenerated FROM pg_attribute
          WHERE attrelid = 'su_tests'::regclass AND attname = 'hash'")" = "" ] ||
  fail "su_tests.hash is still a generated column"
case $(sql "SELECT pg_get_indexdef('su_results_test'::regclass)") in
  *"(test, run, stream_offset) INCLUDE (status, complete, start_ns"*) ;;
  *) fail "su_results_test does not cover history: $(sql "SELECT pg_get_indexdef('su_results_test'::regclass)")" ;;
esac
run su-archive --archive "$PG" init
expect_status 0
expect_stderr_contains "already an archive"

run su-archive --archive "$PG" add "$CORPUS/real-direct-run/input.v2"
expect_status 0
[ "$(sql "SELECT id FROM su_tests
          WHERE name = 'sampleproj.tests.test_arith.TestAdd.test_add_01'")" = "$old_id" ] ||
  fail "the migrated test id was interned again"
[ "$(sql 'SELECT count(*) - count(DISTINCT name) FROM su_tests')" = 0 ] || fail "duplicate test ids"
[ "$(sql 'SELECT count(*) FROM su_tests WHERE hash <> sha256(name)')" = 0 ] ||
  fail "a test id's hash is not its sha256"
[ "$(sql "SELECT count(*) FROM su_tests WHERE name = 'only.in.v1'")" = 1 ] ||
  fail "the migration lost a test id"
run su-archive --archive "$PG" history sampleproj.tests.test_arith.TestAdd.test_add_01 --format=ids
expect_status 0
expect_stdout "0"
run su-archive --archive "$PG" show last
expect_stdout_file "$CORPUS/real-direct-run/input.v2"
run su-archive --archive "$PG" check
expect_status 0
