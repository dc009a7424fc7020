# {list} is a file of ids one per line (stestr's --load-list); the runner
# may write v2. Two tests needed together are both named: "culprits".
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
ids=()
for i in $(seq -w 1 12); do ids+=("p.t$i"); done
make_run "$TMP/run" failure "${ids[@]}" p.victim
export CULPRITS="p.t02 p.t09" FAKE_V2=1
run su-bisect --runner "$FAKE_RUNNER --list {list}" "$TMP/run"
expect_status 0
expect_stdout_contains "Verdict: culprits (only together)"
expect_stdout_contains "Culprits: p.t02 and p.t09"
expect_stdout_contains "where LIST is a file holding:"
grep -qxF "  $FAKE_RUNNER --list LIST" "$TMP/out" || fail "reproduction command"
run su-bisect -q --format=ids --output-list "$TMP/repro" --runner "$FAKE_RUNNER --list {list}" "$TMP/run"
expect_status 0
printf 'p.t02\np.t09\n' | cmp -s - "$TMP/out" || fail "ids"
printf 'p.t02\np.t09\np.victim\n' | cmp -s - "$TMP/repro" || fail "--output-list"
