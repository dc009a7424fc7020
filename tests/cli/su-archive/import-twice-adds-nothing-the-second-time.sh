# Imported runs are remembered by their number and their file's CRC-32 and
# size (metadata on the run), so a second import adds nothing, and a run
# added to the repository since is the only one imported.
mkdir .stestr && printf '1\n' > .stestr/format
for n in 0 2 3; do cp "$CORPUS/real-stestr-run-$n/input.v1" .stestr/$n; done
su-archive init 2>/dev/null
run su-archive import .stestr
expect_status 0
expect_stdout "0
1
2"
run su-archive import .stestr
expect_status 0
expect_stdout_empty
expect_stderr_contains "imported 0 runs from '.stestr' (3 imported before)"
cp "$CORPUS/real-stestr-run-5/input.v1" .stestr/5
run su-archive import "$PWD/.stestr"
expect_status 0
expect_stdout "3"
expect_stderr_contains "imported 1 runs from"
run su-archive list --format=json
python3 - "$TMP/out" <<'PY' || fail "metadata wrong"
import json, sys, zlib, os
runs = json.load(open(sys.argv[1]))
assert [r["meta"]["imported-run"] for r in runs] == ["0", "2", "3", "5"], runs
for r in runs:
    data = open(".stestr/" + r["meta"]["imported-run"], "rb").read()
    assert r["meta"]["imported-crc32"] == "%08x" % zlib.crc32(data), r
    assert r["meta"]["imported-bytes"] == str(len(data)), r
PY
# a repository recreated with different runs under the same numbers is new
rm .stestr/0 && cp "$CORPUS/real-stestr-run-6/input.v1" .stestr/0
run su-archive import .stestr
expect_stdout "4"
