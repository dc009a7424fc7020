# Two inputs still being written (FIFOs fed by slow writers): su-cat writes
# each packet as it arrives instead of reading the first input to its end,
# so the output alternates between the writers, in the order they wrote;
# every packet is whole, each input keeps its order, route prefixes apply.
make=$(dirname "${BASH_SOURCE[0]}")/../su-trace/make-v2.py
for w in a b; do
  for i in 1 2 3; do
    python3 "$make" "P('$w.test_$i', 'success', ts=$i)" > $w$i.v2
  done
done
mkfifo fa fb
# a writes at 0, 0.6, 1.2 s; b at 0.3, 0.9, 1.5 s
( for i in 1 2 3; do cat a$i.v2; sleep 0.6; done ) > fa &
( sleep 0.3; for i in 1 2 3; do cat b$i.v2; sleep 0.6; done ) > fb &
run su-cat --route-names=left,right fa fb
wait
expect_status 0
su-ls --no-passthrough "$TMP/out" > order
printf '%s\n' a.test_1 b.test_1 a.test_2 b.test_2 a.test_3 b.test_3 | cmp -s - order \
  || fail "not interleaved in arrival order: $(tr '\n' ' ' < order)"
python3 - "$TMP/out" <<'PY' || fail "packets not whole or routes wrong"
import subprocess, sys, json
out = subprocess.run(["su-json", sys.argv[1]], capture_output=True, check=True).stdout
rows = [json.loads(l) for l in out.splitlines()]
routes = {r["id"][0]: r["route"] for r in rows}
assert routes == {"a": "left", "b": "right"}, rows
PY

# the output is written as packets arrive, not at the end: the first
# packet is out before the slow writer has finished
mkfifo fc fd
( cat a1.v2; sleep 2; cat a2.v2 ) > fc &
( cat b1.v2; sleep 2 ) > fd &
su-cat fc fd > live &
cat_pid=$!
sleep 1
got=$(su-ls --no-passthrough live | sort | tr '\n' ' ')
[ "$got" = "a.test_1 b.test_1 " ] || fail "after 1 s the output holds '$got'"
wait
[ "$(su-ls --no-passthrough live | wc -l)" -eq 3 ] || fail "lost packets"

# regular files are still concatenated in order, whatever else is given
cat a1.v2 a2.v2 > a.v2
cat b1.v2 b2.v2 > b.v2
run su-cat a.v2 b.v2
cat a.v2 b.v2 | cmp -s - "$TMP/out" || fail "files not concatenated in order"
