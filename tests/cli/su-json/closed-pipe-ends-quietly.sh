for i in 1 2 3 4 5 6 7 8 9 10; do cat "$CORPUS/real-direct-run/input.v2"; done > big.v2
set -o pipefail
su-json big.v2 2>err | head -1 > /dev/null
st=$?
[ ! -s err ] || { cat err; exit 1; }
[ "$st" -le 1 ]
