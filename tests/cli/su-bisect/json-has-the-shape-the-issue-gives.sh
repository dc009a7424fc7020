# --format=json prints one object with every field; --output-list writes
# the reproduction list.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure a.one a.two a.three a.four a.five "a.six's" a.victim
export CULPRITS="a.three"
run su-bisect -q --format=json --output-list "$TMP/list" --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
/usr/bin/python3 - "$TMP/out" <<'PY' || fail "json"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["verdict", "victim", "culprits", "confidence", "runs",
                   "rate_with_candidates", "rate_alone", "candidates"], list(d)
assert d["verdict"] == "culprit" and d["victim"] == "a.victim", d
assert d["culprits"] == ["a.three"], d
assert d["confidence"] >= 0.95 and isinstance(d["runs"], int)
assert d["rate_with_candidates"] == 1.0 and d["rate_alone"] == 0.0, d
ids = [c["id"] for c in d["candidates"]]
assert sorted(ids) == sorted(["a.one", "a.two", "a.three", "a.four", "a.five", "a.six's"]), ids
assert ids[0] == "a.three"
assert all(0 <= c["posterior"] <= 1 for c in d["candidates"])
PY
printf 'a.three\na.victim\n' | cmp -s - "$TMP/list" || fail "--output-list"
# No culprit: confidence is null and the exit status 1.
export CULPRITS="" ALONE=100
run su-bisect -q --format=json --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 1
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["verdict"]=="alone" and d["confidence"] is None and d["culprits"]==[], d' "$TMP/out" || fail "alone json"
