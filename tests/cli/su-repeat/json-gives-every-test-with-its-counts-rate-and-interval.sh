cat > suite.sh <<'SH'
#!/bin/sh
n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count
printf 'test: pkg.a\nsuccess: pkg.a\ntest: pkg.b\n'
if [ $n -eq 2 ]; then printf 'failure: pkg.b\n'; else printf 'success: pkg.b\n'; fi
SH
chmod +x suite.sh
run su-repeat -q -n 4 --format=json -- ./suite.sh
expect_status 1
python3 - "$TMP/out" <<'PY' || fail "json report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["runs"] == 4 and r["failed_runs"] == 1, r
assert r["stopped"] == "runs" and r["command"] == "./suite.sh", r
assert r["order"] is None and r["failed_run"] is None, r
tests = {t["id"]: t for t in r["tests"]}
assert list(tests) == ["pkg.b", "pkg.a"], list(tests)  # failing first, every test listed
b = tests["pkg.b"]
assert (b["runs"], b["failures"], b["skips"], b["failed_runs"]) == (4, 1, 0, [2]), b
assert abs(b["rate"] - 0.25) < 1e-9, b
assert abs(b["interval"][0] - 0.0456) < 1e-3 and abs(b["interval"][1] - 0.6994) < 1e-3, b
assert tests["pkg.a"]["failures"] == 0 and tests["pkg.a"]["interval"][0] == 0, tests["pkg.a"]
assert "verdict" not in b
PY
# --until-failure names the run that stopped it
rm count
run su-repeat -q --until-failure --format=json -- ./suite.sh
expect_status 1
python3 - "$TMP/out" <<'PY' || fail "json --until-failure"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["stopped"] == "failure" and r["failed_run"] == {"run": 2, "failed": ["pkg.b"]}, r
PY
# orders mode adds verdicts, failing orders and the bisect command
cat > runner.sh <<'SH'
#!/bin/sh
warmed=
for id in "$@"; do
  printf 'test: %s\n' "$id"
  if [ "$id" = m.W.warm ]; then warmed=1; fi
  if [ "$id" = m.C.cold ] && [ -n "$warmed" ]; then printf 'failure: %s\n' "$id"; else printf 'success: %s\n' "$id"; fi
done
SH
chmod +x runner.sh
printf 'm.C.cold\nm.W.warm\n' > tests.txt
run su-repeat -q -n 12 --original-every 2 --order=reverse --runner './runner.sh {ids}' --tests tests.txt --format=json
expect_status 1
python3 - "$TMP/out" <<'PY' || fail "json orders mode"
import json, os, sys
r = json.load(open(sys.argv[1]))
assert r["order"] == {"kind": "reverse", "seed": None, "original_every": 2}, r["order"]
t = {t["id"]: t for t in r["tests"]}
cold = t["m.C.cold"]
assert cold["verdict"] == "order-dependent", cold
assert (cold["original_runs"], cold["original_failures"], cold["failed_runs"]) == (6, 0, [2, 4, 6, 8, 10, 12]), cold
assert abs(cold["p_value"] - 1 / 924) < 1e-6 and abs(cold["q_value"] - 1 / 924) < 1e-6, cold
assert [o["run"] for o in cold["failing_orders"]] == [2, 4, 6, 8, 10, 12], cold
assert all(os.path.exists(o["order"]) and os.path.exists(o["stream"]) for o in cold["failing_orders"])
assert cold["bisect"] == "su-bisect --test m.C.cold --runner './runner.sh {ids}' su-repeat-orders/run-2.subunit", cold["bisect"]
assert t["m.W.warm"]["verdict"] is None and t["m.W.warm"]["bisect"] is None
assert t["m.W.warm"]["q_value"] is None
PY
true
