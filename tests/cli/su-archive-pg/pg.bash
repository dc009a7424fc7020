# Sourced by each su-archive-pg case: gives it a database of its own on
# the test server ($SU_TEST_PG, from tests/pg/start-server.sh), dropped at
# the end, as $PG (a libpq URI). tests/pg/run-cli.sh has already checked
# that the server is there.
: "${SU_TEST_PG:?SU_TEST_PG must name the test server (tests/pg/start-server.sh)}"
pg_db=su_$(basename "$TMP" | tr -cd 'a-zA-Z0-9' | tr 'A-Z' 'a-z')
psql "$SU_TEST_PG" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $pg_db" >/dev/null ||
  { echo "cannot create database $pg_db on $SU_TEST_PG" >&2; exit 1; }
pg_cleanup() {
  psql "$SU_TEST_PG" -qX -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1
}
trap pg_cleanup EXIT
# The test server's URI with this case's database in its path.
PG=$(printf '%s' "$SU_TEST_PG" | sed -E "s#^(postgres(ql)?://[^/?]*)/?[^?]*#\1/$pg_db#")
# sql STATEMENT: runs it in this case's database, printing bare values.
sql() { psql "$PG" -qXAt -v ON_ERROR_STOP=1 -c "$1"; }
