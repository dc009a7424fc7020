# v1 in, v1 out: the stestr run lists the same before and after.
run su-downgrade "$CORPUS/real-stestr-run-0/input.v1"
expect_status 0
su-ls --no-passthrough "$TMP/out" > after
su-ls --no-passthrough "$CORPUS/real-stestr-run-0/input.v1" > before
cmp before after
