# -worker-0 must reach the tag editor, not the option parser.
run su-tags extra -worker-0 < "$CORPUS/real-stestr-last/input.v2"
expect_status 0
/usr/bin/python3 - "$TMP/out" "$CORPUS/tools/subunit-events.py" <<'PY' || fail "tags not edited"
import json, subprocess, sys
out = subprocess.run([sys.executable, sys.argv[2]], stdin=open(sys.argv[1], "rb"),
                     capture_output=True, check=True).stdout
events = [json.loads(l) for l in out.decode().splitlines()]
assert events
for e in events:
    assert "extra" in e["tags"], e
    assert "worker-0" not in e["tags"], e
PY
