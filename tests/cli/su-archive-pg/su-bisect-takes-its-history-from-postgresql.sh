# su-bisect --suspects-from a PostgreSQL archive: the same history as in a
# local archive gives the same prior and the same runner calls.
source "${BASH_SOURCE%/*}/pg.bash"
source "${BASH_SOURCE%/*}/../su-bisect/bisect-lib"
ids=()
for i in $(seq -w 1 16); do ids+=("pkg.t$i"); done
make_run "$TMP/run" failure "${ids[@]}" pkg.victim
make_history "$TMP/stestr" 20 pkg.t05 "${ids[@]}" pkg.victim
archive_history "$PG" "$TMP/stestr" 20
export CULPRITS=pkg.t05
FAKE_CALLS="$TMP/pg-calls" run su-bisect -q --suspects-from "$PG" --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stdout_contains "): pkg.t05 x"
expect_stdout_contains "Culprit: pkg.t05"
grep -q "Prior: from the history ('pkg.victim' failed in [0-9]* of 20 runs in 'postgresql://" "$TMP/out" ||
  fail "the Prior line names the database"
FAKE_CALLS="$TMP/dir-calls" run su-bisect -q --suspects-from "$TMP/stestr" --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
cmp -s "$TMP/pg-calls" "$TMP/dir-calls" || fail "PostgreSQL and the directory gave different searches"
