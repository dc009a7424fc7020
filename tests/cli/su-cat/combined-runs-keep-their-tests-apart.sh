# The same run twice: without prefixes python's aggregation merges each pair
# into one test per completion; with them every test counts twice.
in="$CORPUS/real-stestr-last/input.v2"
subunit-stats --no-passthrough < "$in" > one.txt || true
run su-cat --route-prefix "$in" "$in"
cp "$TMP/out" both.v2
subunit-stats --no-passthrough < both.v2 > both.txt || true
python3 - one.txt both.txt <<'PY' || fail "tests not kept apart"
import re, sys
def total(p):
    return int(re.search(r"Total tests:\s+(\d+)", open(p).read()).group(1))
assert total(sys.argv[2]) == 2 * total(sys.argv[1]) > 0
PY
