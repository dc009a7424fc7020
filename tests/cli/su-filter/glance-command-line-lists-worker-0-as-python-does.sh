# The glance session: the order worker 0 ran its tests in. python keeps the
# unexpected success of the sample project in every list, whatever worker
# ran it (a bug su-filter does not reproduce); elsewhere the lists agree.
for fx in real-testr-run-4 real-testr-run-5 real-stestr-run-2 real-stestr-run-3 real-stestr-run-5 real-stestr-run-6; do
  su-upgrade < "$CORPUS/$fx/input.v1" > "$TMP/v2"
  su-filter -s --xfail --with-tag=worker-0 < "$TMP/v2" > "$TMP/filtered" || fail "su-filter failed on $fx"
  run su-ls "$TMP/filtered"
  expect_stdout_file "$CORPUS/$fx/golden/1to2+filter_s_xfail_with-tag=worker-0+ls.out"
done
