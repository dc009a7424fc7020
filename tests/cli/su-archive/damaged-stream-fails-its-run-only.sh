su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive add "$CORPUS/real-stestr-last/input.v2" >/dev/null
size=$(stat -c %s .su/runs/0.v2.zst)
printf '\xff\xff\xff\xff' | dd of=.su/runs/0.v2.zst bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
run su-archive show 0
expect_status 3
expect_stderr_contains "su-archive: error: '.su/runs/0.v2.zst': byte"
run su-archive show 1
expect_status 0
expect_stdout_file "$CORPUS/real-stestr-last/input.v2"
run su-archive check
expect_status 3
expect_stderr_contains "su-archive: error: run 0: '.su/runs/0.v2.zst'"
expect_stderr_contains "1 damaged"
# queries answered from the index still work for the damaged run
run su-archive list
expect_status 0
