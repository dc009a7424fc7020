# subunit2csv prints fail as failure, uxsuccess as success and str(datetime)
# times; otherwise the finished tests, their order, statuses and times are
# the same (up to where subunit2csv crashes on a failure with no attachment).
for fx in real-stestr-last real-testr-last v2-route-codes-simple v2-nanosecond-rounding \
          v2-long-test-ids-utf8 v2-attachment-many-packets; do
  run su-json "$CORPUS/$fx/input.v2"
  [ "$status" -le 1 ] || fail "exit $status on $fx"
  python3 - "$TMP/out" "$CORPUS/$fx/golden/csv.out" <<'PY' || fail "differs from csv golden for $fx"
import csv, json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf8")]
objs = [o for o in objs if o["status"] not in ("exists",)]
rows = list(csv.reader(open(sys.argv[2], encoding="utf8", newline="")))[1:]
def t(s):
    return None if s is None else s.replace("T", " ").replace("Z", "+00:00")
def py_time(s):  # str(datetime) drops a zero fraction
    return s.replace(".000000+", "+") if s else s
names = {"uxsuccess": "success", "fail": "failure"}
ours = [[o["id"], names.get(o["status"], o["status"]),
         py_time(t(o["start"])), py_time(t(o["stop"]))] for o in objs if o["stop"]]
theirs = [r for r in rows if r[1] not in ("inprogress", "unknown")]
assert theirs and ours[:len(theirs)] == theirs, [(a, b) for a, b in zip(ours, theirs) if a != b][:2]
PY
done
