# A history that blames the wrong test (pkg.victim failed after pkg.t03
# there; today pkg.t21 makes it fail) only starts the search in the wrong
# place: su-bisect still names pkg.t21, confirmed, at a cost of a few runs.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
ids=()
for i in $(seq -w 1 24); do ids+=("pkg.t$i"); done
make_run "$TMP/run" failure "${ids[@]}" pkg.victim
make_history "$TMP/.stestr" 30 pkg.t03 "${ids[@]}" pkg.victim
export CULPRITS=pkg.t21
FAKE_CALLS="$TMP/uniform" run su-bisect -q --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
uniform=$(wc -l < "$TMP/uniform")
FAKE_CALLS="$TMP/misled" run su-bisect -q --suspects-from "$TMP/.stestr" \
  --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stdout_contains "Prior: from the history ('pkg.victim' failed in "
expect_stdout_contains "): pkg.t03 x100"
expect_stdout_contains "Culprit: pkg.t21 (posterior 0.9"
misled=$(wc -l < "$TMP/misled")
# log2(100) bits to win back: at most about that many more probes.
[ "$misled" -le $((uniform + 7)) ] || fail "$misled runner calls misled, $uniform without"
# pkg.t21 alone made the victim fail before it was named.
grep -qxF "pkg.t21 pkg.victim" "$TMP/misled" || fail "pkg.t21 was not confirmed alone"
echo "runner calls: $uniform from a uniform prior, $misled from the misleading history" >&2
