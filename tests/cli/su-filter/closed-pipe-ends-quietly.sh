for i in 1 2 3 4 5 6 7 8; do cat "$CORPUS/real-stestr-last/input.v2"; done > "$TMP/big"
su-filter --no-success "$TMP/big" 2> "$TMP/err" | head -c 10 > /dev/null
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "exit ${PIPESTATUS[0]} on a closed pipe"
[ ! -s "$TMP/err" ] || fail "stderr: $(cat "$TMP/err")"
