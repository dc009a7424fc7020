for i in 1 2 3 4 5 6 7 8 9 10; do cat "$CORPUS/real-stestr-run-0/input.v1"; done > big.v1
set -o pipefail
su-upgrade big.v1 2>err | head -c 100 > /dev/null
st=$?
[ ! -s err ] || { cat err; exit 1; }
[ "$st" -eq 0 ]
