# v2 -> v1 -> v2 lists the same tests with the same times. (Passthrough is
# left out: stray output without a final newline swallows the next v1 line,
# in python as here.)
su-downgrade "$CORPUS/real-direct-run/input.v2" | su-upgrade 2>/dev/null | su-ls --times --no-passthrough > after
st=$?
su-ls --times --no-passthrough "$CORPUS/real-direct-run/input.v2" > before
cmp before after && [ $st -eq 1 ]
