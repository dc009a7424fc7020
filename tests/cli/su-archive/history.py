# A small run history for the flaky and suspects cases (not a case itself):
# 12 tests on two workers, reshuffled every run; a commit every two runs.
#   test_00 fails 30% of runs (flaky), test_01 from run 30 on (broken),
#   test_02 before run 10 (fixed), test_03 after test_04 on its worker
#   (interference), run 20 an infrastructure failure (all but test_05 fail).
# Usage: history.py RUNS archive       (su-archive add each run, in order)
#        history.py RUNS stestr DIR    (write DIR/0, DIR/1, ... as stestr does)
import os, random, subprocess, sys
from subunit import StreamResultToBytes

runs, mode = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
tests = ["pkg.t.test_%02d" % i for i in range(12)]
if mode == "stestr":
    d = sys.argv[3]
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "format"), "w").write("1\n")
    open(os.path.join(d, "next-stream"), "w").write("%d\n" % runs)
for run in range(runs):
    order = tests[:]
    rng.shuffle(order)
    seen = {0: [], 1: []}
    path = "run.v2" if mode == "archive" else os.path.join(sys.argv[3], str(run))
    with open(path, "wb") as f:
        out = StreamResultToBytes(f)
        for i, t in enumerate(order):
            w = i % 2
            fail = False
            if t == "pkg.t.test_00": fail = rng.random() < 0.3
            if t == "pkg.t.test_01": fail = run >= 30
            if t == "pkg.t.test_02": fail = run < 10
            if t == "pkg.t.test_03": fail = "pkg.t.test_04" in seen[w]
            if run == 20: fail = t != "pkg.t.test_05"
            seen[w].append(t)
            out.status(test_id=t, test_status="inprogress", test_tags={"worker-%d" % w})
            out.status(test_id=t, test_status="fail" if fail else "success",
                       test_tags={"worker-%d" % w})
    if mode == "archive":
        subprocess.run(["su-archive", "add", "--meta", "commit=c%d" % (run // 2), path],
                       check=True, stdout=subprocess.DEVNULL)
