su-archive init 2>/dev/null
run su-archive add "$CORPUS/real-stestr-run-6/input.v1"
expect_status 0
run su-archive list --format=json
python3 - "$TMP/out" <<'PY' || fail "list json wrong"
import json, sys
runs = json.load(open(sys.argv[1]))
assert runs[0]["input_format"] == "v1", runs
assert runs[0]["tests"] == 59 and runs[0]["failures"] == 6, runs
PY
# the stored stream is v2 and says what python's subunit-1to2 says
su-archive show 0 > shown
run su-ls --no-passthrough shown
sort "$TMP/out" > ours
sort "$CORPUS/real-stestr-run-6/golden/1to2+ls.out" > theirs
cmp -s ours theirs || fail "tests of the upgraded run differ from subunit-1to2 | subunit-ls"
run su-archive check
expect_status 0
