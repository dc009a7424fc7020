# kill -9 an add while it reads a slow pipe: check passes and the run is absent
su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
{ head -c 40000 "$CORPUS/real-direct-run/input.v2"; sleep 30; } | su-archive add > /dev/null 2>&1 &
pid=$!
sleep 1
ls .su/tmp | grep -q . || fail "the add should have a temporary file by now"
pkill -9 -P $$ -x su-archive || fail "no su-archive to kill"
wait $pid 2>/dev/null
run su-archive list --format=json
python3 -c 'import json,sys; assert [r["id"] for r in json.load(open(sys.argv[1]))] == [0]' "$TMP/out" || fail "listing changed"
run su-archive check
expect_status 0
expect_stderr_contains "left by an interrupted write; removed"
[ -z "$(ls .su/tmp)" ] || fail "tmp not cleaned"
run su-archive add "$CORPUS/v2-empty/input.v2"
expect_stdout "1"
run su-archive check
expect_status 0
expect_stderr_contains "checked 2 runs: 0 damaged, 0 repaired"
