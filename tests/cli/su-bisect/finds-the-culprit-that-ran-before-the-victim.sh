# 24 tests ran before the victim on worker-0; t07 makes it fail. su-bisect
# names it, with the reproduction command, in about log2(24) probes.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
ids=()
for i in $(seq -w 1 24); do ids+=("pkg.t$i"); done
make_run "$TMP/run.v1" failure "${ids[@]}" pkg.victim
mkdir -p "$TMP/.stestr"
su-upgrade < "$TMP/run.v1" > "$TMP/.stestr/3"   # as stestr stores a run
export CULPRITS=pkg.t07 FAKE_CALLS="$TMP/calls"
run su-bisect --runner "$FAKE_RUNNER {ids}" "$TMP/.stestr/3"
expect_status 0
expect_stdout_contains "Victim: pkg.victim"
expect_stdout_contains "Candidates: 24 tests ran before it on worker-0"
expect_stdout_contains "Verdict: culprit"
expect_stdout_contains "Culprit: pkg.t07 (posterior 0.9"
expect_stdout_contains "The minimal reproduction command is:"
tail -n1 "$TMP/out" | grep -qxF "  $FAKE_RUNNER pkg.t07 pkg.victim" || fail "reproduction command"
calls=$(wc -l < "$TMP/calls")
[ "$calls" -le 25 ] || fail "$calls runner calls"
# Every probe keeps the candidates' order and ends with the victim; no
# worker-1 test is ever a candidate.
while read -r line; do
  set -- $line
  [ "${!#}" = pkg.victim ] || fail "victim not last in: $line"
  printf '%s\n' "$@" | sed '$d' | sort -c 2>/dev/null || fail "order lost in: $line"
done < "$TMP/calls"
! grep -q other.w1 "$TMP/calls" || fail "a worker-1 test was a candidate"
# --format=ids prints just the culprit; standard input works too.
run su-bisect --quiet --format=ids --runner "$FAKE_RUNNER {ids}" - < "$TMP/.stestr/3"
expect_status 0
expect_stdout "pkg.t07"
expect_stderr_empty
