# python re-encodes kept tests and loses start times, route codes and exists
# records; su-filter forwards the original packets.
su-filter -s "$CORPUS/real-stestr-last/input.v2" | su-ls --times --no-passthrough > "$TMP/t"
su-ls --times --no-passthrough "$CORPUS/real-stestr-last/input.v2" > "$TMP/t0"
cmp -s "$TMP/t" "$TMP/t0" || fail "durations changed by filtering"
run su-filter --no-success "$CORPUS/real-list-exists/input.v2"
expect_status 0
cmp -s "$TMP/out" "$CORPUS/real-list-exists/input.v2" || fail "exists tests dropped"
# Every kept packet is one of the input's packets, byte for byte.
run su-filter --no-skip "$CORPUS/v2-route-codes/input.v2"
expect_status 0
[ -s "$TMP/out" ] || fail "nothing kept"
python3 - "$TMP/out" "$CORPUS/v2-route-codes/input.v2" <<'PY' || fail "a kept packet was re-encoded"
import sys
out, src = (open(p, 'rb').read() for p in sys.argv[1:])
def packets(b):
    i, r = 0, []
    while i < len(b):
        assert b[i] == 0xb3, i
        n = b[i + 3]
        if n & 0xc0 == 0x40: n = ((n & 0x3f) << 8) | b[i + 4]
        elif n & 0xc0 == 0x80: n = ((n & 0x3f) << 16) | (b[i + 4] << 8) | b[i + 5]
        r.append(b[i:i + n]); i += n
    return r
src_packets = set(packets(src))
assert all(p in src_packets for p in packets(out))
PY
