# Already v2, damaged packets and stray text included: nothing changes.
for f in real-direct-run v2-bad-crc v2-v1-text-embedded v2-truncated-final-packet; do
  run su-upgrade "$CORPUS/$f/input.v2"
  expect_status 0
  expect_stdout_file "$CORPUS/$f/input.v2"
done
