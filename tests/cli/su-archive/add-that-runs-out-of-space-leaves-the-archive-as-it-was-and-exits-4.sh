# A file size limit (ulimit -f, as a full disk would) stops an add at each
# of its writes in turn: the stream, the scratch files, the ids table. Each
# time the tool says which file it could not write and exits 4, and every
# file of the archive is as it was, with nothing left in tmp/.
v1() {  # v1 PREFIX N: N passing tests with ids that do not compress well
  awk -v p="$1" -v n="$2" 'BEGIN { srand(n); for (i = 0; i < n; i++) {
    id = sprintf("%s.test_%05d_%08x%08x", p, i, int(rand() * 4294967295), int(rand() * 4294967295));
    print "test: " id; print "success: " id } }'
}
snapshot() { (cd .su && find . -type f ! -name lock | sort | xargs md5sum); }
v1 base 3000 > base.v1
v1 fresh 400 > fresh.v1
su-archive init 2>/dev/null
su-archive add base.v1 >/dev/null || fail "first add failed"
snapshot > before

# The ids table may not grow past the next KiB: the new ids do not fit.
blocks=$(( ($(stat -c %s .su/ids) + 1023) / 1024 ))
run bash -c "ulimit -f $blocks; su-archive add fresh.v1"
expect_status 4
expect_stderr_contains "su-archive: error: cannot write '.su/ids': File too large; nothing was added, the archive is as it was"
snapshot | cmp -s before - || fail "the archive changed"
[ -z "$(ls .su/tmp)" ] || fail "tmp/ keeps $(ls .su/tmp)"

# 4 KiB: the stored stream is the first file to reach it.
run bash -c "ulimit -f 4; su-archive add '$CORPUS/real-stestr-last/input.v2'"
expect_status 4
expect_stderr_contains ".v2.zst': File too large; nothing was added"
snapshot | cmp -s before - || fail "the archive changed"
[ -z "$(ls .su/tmp)" ] || fail "tmp/ keeps $(ls .su/tmp)"

# With room, the same add works and the archive answers for both runs.
run su-archive add fresh.v1
expect_status 0
expect_stdout 1
run su-archive check
expect_status 0
