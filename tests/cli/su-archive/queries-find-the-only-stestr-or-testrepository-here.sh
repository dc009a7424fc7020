# With no --archive, no $SU_ARCHIVE and no .su, the one repository present
# is read, as stestr and testr find theirs, and stderr says so once.
unset SU_ARCHIVE
mkdir .stestr && printf '1\n' > .stestr/format && echo 7 > .stestr/next-stream
for n in 0 2 3 5 6; do cp "$CORPUS/real-stestr-run-$n/input.v1" .stestr/$n; done
run su-archive list --format=json
expect_status 0
python3 -c 'import json,sys; assert [r["id"] for r in json.load(open(sys.argv[1]))] == [0, 2, 3, 5, 6]' "$TMP/out" \
  || fail "list did not read .stestr"
expect_stderr_contains "su-archive: no '.su' here; reading '.stestr'"
[ "$(grep -c reading "$TMP/err")" -eq 1 ] || fail "said more than once"
run su-archive failing --format=ids
expect_status 1
sort "$TMP/out" > ours
sort "$CORPUS/real-stestr-run-6/golden/1to2+filter_F+ls.out" > theirs
cmp -s ours theirs || fail "failing of the last .stestr run differs from python's"

# a .testrepository alone is found the same way
mkdir t2 && cd t2 && cp -r ../.stestr .testrepository
run su-archive list
expect_status 0
expect_stderr_contains "reading '.testrepository'"

# both present: nothing is guessed
cp -r .testrepository .stestr
run su-archive list
expect_status 2
expect_stderr_contains "no archive at '.su'"

# a .su archive wins, and --archive / $SU_ARCHIVE come first of all
su-archive init 2>/dev/null
run su-archive list
expect_status 0
expect_stderr_empty
SU_ARCHIVE=.stestr run su-archive list
expect_status 0
expect_stdout_contains "5 "
expect_stderr_empty
