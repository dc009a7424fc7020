# The same runs added to a local archive and to PostgreSQL: every query's
# output and exit status are the same, byte for byte (list's "added", the
# moment of the add, aside).
source "${BASH_SOURCE%/*}/pg.bash"
su-archive --archive .su init 2>/dev/null
run su-archive --archive "$PG" init
expect_status 0
expect_stderr_contains "created archive"
both() {  # both ARGS...: su-archive ARGS on each archive; stdout and status agree
  su-archive --archive .su "$@" > local.out 2> local.err
  local ls=$?
  su-archive --archive "$PG" "$@" > pg.out 2> pg.err
  local ps=$?
  [ "$ls" -eq "$ps" ] || { cat pg.err >&2; fail "$*: exit $ps on PostgreSQL, $ls locally"; }
  cmp -s local.out pg.out || { diff local.out pg.out | head -20 >&2; fail "$*: output differs"; }
}
inputs=(real-direct-run/input.v2 real-stestr-run-0/input.v1 v2-route-codes/input.v2
        v2-unicode-test-ids/input.v2 v2-tags-changing/input.v2 v2-bad-crc/input.v2
        v2-long-test-ids-utf8/input.v2 v2-empty/input.v2 real-testr-run-1/input.v1
        v2-attachment-many-packets/input.v2)
for i in "${!inputs[@]}"; do
  both add --meta commit=c$i --meta branch=main "$CORPUS/${inputs[$i]}"
done
# --tee: the input on stdout, the id on stderr, on both.
both add --tee --meta tee=yes "$CORPUS/real-stestr-last/input.v2"
cmp -s pg.out "$CORPUS/real-stestr-last/input.v2" || fail "--tee did not copy the input"
grep -q "added run 10" pg.err || fail "--tee: no id on stderr"
mkdir .stestr && printf '1\n' > .stestr/format && echo 7 > .stestr/next-stream
for n in 0 2 3; do cp "$CORPUS/real-stestr-run-$n/input.v1" .stestr/$n; done
both import .stestr

# list: the time column of a run without timestamps is the moment of the add
su-archive --archive .su list | awk '$3 == 0 { $2 = "" } 1' > local.list
su-archive --archive "$PG" list | awk '$3 == 0 { $2 = "" } 1' > pg.list
cmp -s local.list pg.list || { diff local.list pg.list >&2; fail "list differs"; }
strip_added() {
  python3 -c '
import json, sys
runs = json.load(open(sys.argv[1]))
for r in runs:
    del r["added"]
    if r["tests"] == 0: del r["time"]
print(json.dumps(runs, indent=1))' "$1"
}
su-archive --archive .su list --format=json > l.json && strip_added l.json > local.list
su-archive --archive "$PG" list --format=json > p.json && strip_added p.json > pg.list
cmp -s local.list pg.list || { diff local.list pg.list >&2; fail "list --format=json differs"; }
[ "$(wc -l < pg.list)" -gt 100 ] || fail "list is too short"

# JSON carries every field of a row; text and ids are checked on a few runs.
for run in 0 1 2 3 4 5 6 7 8 9 10 11 12 13; do
  both show $run
  both failing $run --format=json
  both slowest -n 3 $run --format=json
done
for run in 0 1 last -2; do
  both failing $run
  both failing $run --format=ids
  both slowest $run
done
both failing 999
tests=$(su-archive --archive .su failing 0 --format=ids | head -3)
tests+=$'\n'$(su-archive --archive .su slowest 0 --format=json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
tests+=$'\n'$(su-archive --archive .su failing 3 --format=ids | head -1)
tests+=$'\n'no.such.test
while IFS= read -r t; do
  [ -n "$t" ] || continue
  both history "$t"
  both history "$t" --format=json
  both history "$t" --format=ids
done <<< "$tests"
both remove 1
both remove -1
both failing 1
both history "$(su-archive --archive .su failing 0 --format=ids | head -1)"
both check --no-repair
expect_status 0
grep -q "checked 12 runs: 0 damaged, 0 to repair" pg.err || fail "check: $(cat pg.err)"
both check
