in="$CORPUS/real-direct-run/input.v2"
set -o pipefail
su-cat "$in" "$in" "$in" "$in" "$in" "$in" "$in" "$in" 2>err | head -c 100 > /dev/null
st=$?
[ ! -s err ] || { cat err; exit 1; }
[ "$st" -eq 0 ]
