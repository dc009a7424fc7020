su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
run su-archive slowest -n 3
expect_status 0
[ "$(wc -l < "$TMP/out")" -eq 3 ] || fail "expected 3 lines"
head -1 "$TMP/out" | grep -q "0.200s.*test_sleep_200ms" || fail "slowest first"
run su-archive slowest --format=json
python3 - "$TMP/out" <<'PY' || fail "json wrong"
import json, sys
rows = json.load(open(sys.argv[1]))
d = [r["duration_seconds"] for r in rows]
assert len(rows) == 10 and d == sorted(d, reverse=True), d
PY
