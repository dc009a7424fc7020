su-archive init 2>/dev/null
su-archive add --meta commit=abc123 --meta branch=main "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive add "$CORPUS/v2-empty/input.v2" >/dev/null
run su-archive list
expect_status 0
expect_stdout_contains "id    time                  tests  failures  skips  duration  metadata"
expect_stdout_contains "commit=abc123 branch=main"
run su-archive list --format=json
python3 - "$TMP/out" <<'PY' || fail "json wrong"
import json, sys
runs = json.load(open(sys.argv[1]))
assert [r["id"] for r in runs] == [0, 1], runs
r = runs[0]
assert r["tests"] == 200 and r["failures"] == 30 and r["skips"] == 8, r
assert r["meta"] == {"commit": "abc123", "branch": "main"}, r
assert r["duration_seconds"] > 0 and r["time"].endswith("Z"), r
assert runs[1]["tests"] == 0 and runs[1]["duration_seconds"] is None, runs[1]
PY
