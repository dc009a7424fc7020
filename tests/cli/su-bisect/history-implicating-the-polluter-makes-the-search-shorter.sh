# --suspects-from: a run history (a su archive built with su-archive add)
# in which pkg.victim failed exactly when pkg.t07 ran before it on its
# worker starts the posterior on pkg.t07, so su-bisect names it in fewer
# runner calls than from a uniform prior. A history held as a .stestr
# directory, read in place, does the same.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
ids=()
for i in $(seq -w 1 24); do ids+=("pkg.t$i"); done
make_run "$TMP/run" failure "${ids[@]}" pkg.victim
make_history "$TMP/.stestr" 30 pkg.t07 "${ids[@]}" pkg.victim
archive_history "$TMP/history" "$TMP/.stestr" 30
export CULPRITS=pkg.t07

FAKE_CALLS="$TMP/uniform" run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stdout_contains "Culprit: pkg.t07 (posterior 0.9"
uniform=$(wc -l < "$TMP/uniform")

FAKE_CALLS="$TMP/history-calls" run su-bisect --suspects-from "$TMP/history" \
  --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stdout_contains "Culprit: pkg.t07 (posterior 0.9"
expect_stdout_contains "Prior: from the history ('pkg.victim' failed in "
expect_stdout_contains "): pkg.t07 x100"
expect_stderr_contains "su-bisect: prior from the history"
with=$(wc -l < "$TMP/history-calls")
[ "$with" -lt "$uniform" ] || fail "$with runner calls with the history, $uniform without"
# The reproduction command is still the minimal one.
tail -n1 "$TMP/out" | grep -qxF "  $FAKE_RUNNER pkg.t07 pkg.victim" || fail "reproduction command"

FAKE_CALLS="$TMP/stestr-calls" run su-bisect -q --suspects-from "$TMP/.stestr" \
  --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stdout_contains "Culprit: pkg.t07"
expect_stderr_empty
[ "$(wc -l < "$TMP/stestr-calls")" -eq "$with" ] || fail "the .stestr history differs from the archive"
echo "runner calls: $uniform from a uniform prior, $with from the history" >&2
