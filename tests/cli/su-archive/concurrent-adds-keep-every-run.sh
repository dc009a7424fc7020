# 8 processes add at once: every run is present, ids distinct, index consistent
su-archive init 2>/dev/null
inputs=(real-direct-run/input.v2 real-stestr-last/input.v2 real-stestr-run-0/input.v1
        real-stestr-run-2/input.v1 real-testr-run-1/input.v1 real-testr-last/input.v2
        v2-route-codes/input.v2 v2-unicode-test-ids/input.v2)
for i in 0 1 2 3 4 5 6 7; do
  su-archive add --meta writer=$i "$CORPUS/${inputs[$i]}" > "id.$i" 2>/dev/null &
done
wait
cat id.* | sort -n > ids
[ "$(sort -u ids | wc -l)" -eq 8 ] || fail "ids not distinct: $(cat ids)"
run su-archive list --format=json
python3 - "$TMP/out" <<'PY' || fail "not every run listed"
import json, sys
runs = json.load(open(sys.argv[1]))
assert sorted(r["meta"]["writer"] for r in runs) == [str(i) for i in range(8)], runs
PY
for i in 0 1 2 3 4 5 6 7; do
  id=$(cat "id.$i")
  su-archive show "$id" > shown
  case ${inputs[$i]} in
    *.v2) cmp -s shown "$CORPUS/${inputs[$i]}" || fail "run $id is not ${inputs[$i]}" ;;
  esac
done
run su-archive check --no-repair
expect_status 0
expect_stderr_contains "checked 8 runs: 0 damaged, 0 to repair"
