# kill -9 an add while it reads a slow pipe: check passes and the run is absent
su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
mkfifo slow
su-archive add < slow > /dev/null 2>&1 &
pid=$!
exec 3> slow
head -c 40000 "$CORPUS/real-direct-run/input.v2" >&3
sleep 1
ls .su/tmp | grep -q . || fail "the add should have a temporary file by now"
kill -9 "$pid"
wait "$pid" 2>/dev/null
exec 3>&-
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
