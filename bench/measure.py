#!/usr/bin/python3
"""Time commands: medians of wall and CPU time over several runs, and peak RSS.

Usage: measure.py --cpu
         prints the CPU the commands would run on ("any" if not pinned)
       measure.py RUNS INPUT COMMAND-LINE
         prints "WALL CPU KIB" for one command
       measure.py --pair SU_RUNS PY_RUNS INPUT SU-COMMAND PY-COMMAND
         prints "WALL CPU KIB WALL CPU KIB", sutools first, python second

Each command line is split into words as a shell would (quotes, no
expansions) and run directly, found on PATH, with INPUT as standard input
and standard output and error discarded. The wall clock is read just before
the fork and just after the wait, so nothing but the command itself is timed
(a shell or GNU time around it would add milliseconds, which matters for runs
of 20 ms). CPU time is the child's user + system time (getrusage), which a
busy machine disturbs far less than the wall clock. Both are medians.

With --pair the two commands run alternately (sutools, python, sutools,
...), so that both sides see the same load: on a shared machine the ratio of
two medians measured side by side is what to read, not either time alone.

Every command runs on one CPU, the same for both sides of a pair:
$BENCH_CPU if set (a number; "any" lets the kernel choose), else the
highest-numbered CPU this process may use. On the 2-core machines the
project is measured on, one core ran every program about 1.5 times slower
than the other (su-stats 22 ms against 16.5, subunit-stats 4.2 s against
2.7, pinned with taskset), so where each run happened to land decided more
of a ratio than the programs did.

The peak RSS comes from one more run under GNU time (a child of python
reports python's own RSS as its peak).
"""
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run_once(cmd, path):
    with open(path, "rb") as stdin:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def peak_kib(cmd, path):
    with open(path, "rb") as stdin:
        report = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdin=stdin,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                check=False)
    return report.stderr.decode().strip().splitlines()[-1]


def summary(samples, cmd, path):
    wall = statistics.median(s[0] for s in samples)
    cpu = statistics.median(s[1] for s in samples)
    return f"{wall:.4f} {cpu:.4f} {peak_kib(cmd, path)}"


def chosen_cpu():
    """The CPU to run on, or None to let the kernel choose."""
    choice = os.environ.get("BENCH_CPU", "")
    if choice == "any" or not hasattr(os, "sched_setaffinity"):
        return None
    return int(choice) if choice else max(os.sched_getaffinity(0))


def main():
    cpu = chosen_cpu()
    if sys.argv[1] == "--cpu":
        print("any" if cpu is None else cpu)
        return
    if cpu is not None:
        # This process, and so every command it starts, runs on that CPU.
        os.sched_setaffinity(0, {cpu})
    if sys.argv[1] == "--pair":
        su_runs, py_runs, path = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        su_cmd, py_cmd = shlex.split(sys.argv[5]), shlex.split(sys.argv[6])
        su, py = [], []
        for i in range(max(su_runs, py_runs)):
            if i < su_runs:
                su.append(run_once(su_cmd, path))
            if i < py_runs:
                py.append(run_once(py_cmd, path))
        print(summary(su, su_cmd, path), summary(py, py_cmd, path))
        return
    runs, path, cmd = int(sys.argv[1]), sys.argv[2], shlex.split(sys.argv[3])
    print(summary([run_once(cmd, path) for _ in range(runs)], cmd, path))


if __name__ == "__main__":
    main()
