for fx in real-direct-run real-stestr-last real-testr-last; do
  su-filter --no-success --no-xfail "$CORPUS/$fx/input.v2" | su-ls > "$TMP/ls"
  cmp -s "$TMP/ls" "$CORPUS/$fx/golden/filter+ls.out" || fail "differs on $fx"
done
