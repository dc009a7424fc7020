# A replayed run reports the time it took when it ran: from the earliest test
# start to the latest test stop in the stream.
here=$(dirname "${BASH_SOURCE[0]}")
python3 "$here/make-v2.py" \
  'P("t.a", "inprogress", ts=0, tags=["worker-0"])' 'P("t.a", "success", ts=2.5, tags=["worker-0"])' \
  'P("t.b", "inprogress", ts=1, tags=["worker-1"])' 'P("t.b", "success", ts=61.25, tags=["worker-1"])' > run.v2
run su-trace run.v2
expect_status 0
expect_stdout_contains "Ran: 2 tests in 61.2500 sec."
expect_stdout_contains "Sum of execute time for each test: 62.7500 sec."
expect_stdout_contains " - Worker 1 (1 tests) => 0:01:00.250000"
