# A stream is the run itself: nothing rebuilds it. check names the file and
# the byte where decoding failed, exits 3 with or without --repair, and
# leaves the damaged run for a person to look at; a run whose stream is
# gone is gone, and its index is removed as a leftover.
su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null
su-archive add "$CORPUS/real-stestr-last/input.v2" >/dev/null
su-archive add "$CORPUS/real-list-exists/input.v2" >/dev/null
truncate -s 2000 .su/runs/0.v2.zst
size=$(stat -c %s .su/runs/1.v2.zst)
printf '\x55' | dd of=.su/runs/1.v2.zst bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
rm .su/runs/2.v2.zst
run su-archive check --no-repair
expect_status 3
expect_stderr_contains "su-archive: error: run 0: '.su/runs/0.v2.zst': byte 2000: zstd: compressed input ends inside a frame"
expect_stderr_contains "su-archive: error: run 1: '.su/runs/1.v2.zst': byte "
expect_stderr_contains "warning: '.su/index/2.idx': left by an interrupted add or remove; removed (not repaired)"
expect_stderr_contains "checked 2 runs: 2 damaged, 1 to repair"
run su-archive check
expect_status 3
expect_stderr_contains "checked 2 runs: 2 damaged, 1 repaired"
[ -e .su/index/2.idx ] && fail "the leftover index is still there"
[ -e .su/runs/0.v2.zst ] || fail "check removed a damaged stream"
run su-archive show 0
expect_status 3
expect_stderr_contains "'.su/runs/0.v2.zst'"
