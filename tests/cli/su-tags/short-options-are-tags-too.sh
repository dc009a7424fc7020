# subunit-tags has no options: -h and -v remove tags named h and v.
run su-tags -h -v keep < "$CORPUS/v2-tags-changing/input.v2"
expect_status 0
expect_stderr_empty
run su-tags keep < "$CORPUS/v2-tags-changing/input.v2"
cp "$TMP/out" keep.v2
run su-tags -h -v keep < "$CORPUS/v2-tags-changing/input.v2"
expect_stdout_file keep.v2
