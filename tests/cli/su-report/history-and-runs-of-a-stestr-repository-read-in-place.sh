# A .stestr directory works as the archive, read in place: its history
# grid and one of its runs, with the same rows as the run's own file.
mkdir .stestr && printf '1\n' > .stestr/format && echo 7 > .stestr/next-stream
for n in 0 2 3 5 6; do cp "$CORPUS/real-stestr-run-$n/input.v1" .stestr/$n; done
run su-report --archive .stestr -o history.html
expect_status 0
for n in 0 2 3 5 6; do
  grep -q "data-run=\"$n\"" history.html || fail "run $n missing from the grid"
done
grep -q 'data-test-id="sampleproj.tests.test_flaky.TestFlaky.test_sometimes_fails" data-run="6" data-status="fail"' \
  history.html || fail "the flaky test's failure in run 6"
run su-report --archive .stestr --run 3 -o run3.html
expect_status 0
su-report .stestr/3 -o direct.html
diff <(grep '^<tr data-test-id' run3.html) <(grep '^<tr data-test-id' direct.html) >/dev/null ||
  fail "run 3 differs from its file"
