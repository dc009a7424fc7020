# test_collapse_runs (uxsuccess) ran on worker-1 in testr run 1; python
# lists it for worker-0 too, su-filter does not.
ux=sampleproj.tests.test_strings.TestSlugify.test_collapse_runs
su-upgrade < "$CORPUS/real-testr-run-1/input.v1" > "$TMP/v2"
su-filter --with-tag=worker-1 --status=uxsuccess "$TMP/v2" | su-ls > "$TMP/w1"
grep -qx "$ux" "$TMP/w1" || fail "uxsuccess not on worker-1"
su-filter -s --xfail --with-tag=worker-0 "$TMP/v2" | su-ls > "$TMP/w0"
grep -qx "$ux" "$TMP/w0" && fail "uxsuccess of worker-1 listed for worker-0"
grep -vx "$ux" "$CORPUS/real-testr-run-1/golden/1to2+filter_s_xfail_with-tag=worker-0+ls.out" > "$TMP/expected"
cmp -s "$TMP/expected" "$TMP/w0" || fail "worker-0 list differs from python's beyond the uxsuccess"
