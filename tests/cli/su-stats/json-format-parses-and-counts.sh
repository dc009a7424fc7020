run su-stats --format=json --no-passthrough "$CORPUS/real-direct-run/input.v2"
expect_status 1
python3 - "$TMP/out" <<'PY' || fail "json report wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == d["passed"] + d["failed"] + d["skipped"], d
assert d["total"] > 0 and d["failed"] > 0
assert isinstance(d["tags"], list)
PY
