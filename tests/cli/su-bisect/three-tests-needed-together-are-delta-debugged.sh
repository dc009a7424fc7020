# No single test and no pair explains the failures (both halves of the
# failing set pass): delta debugging names the three tests needed together.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
ids=()
for i in $(seq -w 1 16); do ids+=("d.t$i"); done
make_run "$TMP/run" failure "${ids[@]}" d.victim
CULPRITS="d.t03 d.t08 d.t14" run su-bisect -q --format=json --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["verdict"] == "culprits", d["verdict"]
assert d["culprits"] == ["d.t03", "d.t08", "d.t14"], d["culprits"]
assert d["confidence"] >= 0.95, d["confidence"]
' "$TMP/out" || fail "json"
