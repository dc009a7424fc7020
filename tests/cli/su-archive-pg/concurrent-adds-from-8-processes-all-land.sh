# 8 processes add at once, with test ids new to the database in common:
# every run lands, each with its own id and its stream intact.
source "${BASH_SOURCE%/*}/pg.bash"
su-archive --archive "$PG" init 2>/dev/null
inputs=(real-direct-run/input.v2 real-stestr-last/input.v2 real-stestr-run-0/input.v1
        real-stestr-run-2/input.v1 real-testr-run-1/input.v1 real-testr-last/input.v2
        v2-route-codes/input.v2 v2-unicode-test-ids/input.v2)
for i in 0 1 2 3 4 5 6 7; do
  su-archive --archive "$PG" add --meta writer=$i "$CORPUS/${inputs[$i]}" > "id.$i" 2> "err.$i" &
done
wait
for i in 0 1 2 3 4 5 6 7; do [ -s "id.$i" ] || { cat "err.$i" >&2; fail "writer $i added nothing"; }; done
[ "$(cat id.* | sort -u | wc -l)" -eq 8 ] || fail "ids not distinct: $(cat id.*)"
run su-archive --archive "$PG" list --format=json
python3 - "$TMP/out" <<'PY' || fail "not every run listed"
import json, sys
runs = json.load(open(sys.argv[1]))
assert sorted(r["meta"]["writer"] for r in runs) == [str(i) for i in range(8)], runs
PY
for i in 0 1 2 3 4 5 6 7; do
  id=$(cat "id.$i")
  su-archive --archive "$PG" show "$id" > shown
  case ${inputs[$i]} in
    *.v2) cmp -s shown "$CORPUS/${inputs[$i]}" || fail "run $id is not ${inputs[$i]}" ;;
  esac
done
# Each test id is stored once, however many writers brought it.
[ "$(sql 'SELECT count(*) - count(DISTINCT name) FROM su_tests')" = 0 ] || fail "duplicate test ids"
run su-archive --archive "$PG" check --no-repair
expect_status 0
expect_stderr_contains "checked 8 runs: 0 damaged, 0 to repair"
