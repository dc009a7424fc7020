# The expected files are os-testr 2.0.1's subunit-trace output on corpus
# streams, with its two deliberate differences undone (see su-trace(1)):
# attachment lines as bytes reprs turned back into text, and the wall-clock
# "Ran: N tests in X sec." time masked as X.
here=$(dirname "${BASH_SOURCE[0]}")
mask() { sed -E 's/^(Ran: [0-9]+ tests in )[0-9.]+( sec\.)$/\1X\2/' "$TMP/out" > "$TMP/masked"; }
check() {  # EXPECTED ARGS...
  local expected=$1; shift
  run su-trace "$@"
  expect_status 1
  mask
  cmp -s "$here/$expected" "$TMP/masked" || { diff "$here/$expected" "$TMP/masked" | head -20; fail "differs from $expected"; }
}
check real-stestr-last.n.expected -n "$CORPUS/real-stestr-last/input.v2"
check v2-tags-changing.failonly-fails.expected --failonly --fails "$CORPUS/v2-tags-changing/input.v2"
check v2-route-codes-simple.expected "$CORPUS/v2-route-codes-simple/input.v2"
