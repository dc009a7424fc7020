su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive add "$CORPUS/v2-empty/input.v2" >/dev/null
run su-archive remove 0
expect_status 0
run su-archive list --format=json
python3 -c 'import json,sys; assert [r["id"] for r in json.load(open(sys.argv[1]))] == [1]' "$TMP/out" || fail "run 0 still listed"
run su-archive show 0
expect_status 2
run su-archive remove last
run su-archive list --format=json
expect_stdout "[]"
run su-archive check
expect_status 0
