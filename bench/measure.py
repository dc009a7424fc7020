#!/usr/bin/python3
"""Time a command: best wall time of RUNS runs and the peak RSS of that run.

Usage: measure.py RUNS INPUT COMMAND-LINE   (prints "SECONDS KIB")

The command line is split into words as a shell would (quotes, no
expansions) and run directly, found on PATH, with INPUT as standard input
and standard output and error discarded. The clock is read just before the
fork and just after the wait, so nothing but the command itself is timed: a
shell or GNU time around it would add milliseconds, which matters for runs
of 50 ms. The peak RSS comes from one more run under GNU time (a child of
python reports python's own RSS as its peak).
"""
import shlex
import subprocess
import sys
import time


def main():
    runs, path, cmd = int(sys.argv[1]), sys.argv[2], shlex.split(sys.argv[3])
    best = None
    for _ in range(runs):
        with open(path, "rb") as stdin:
            start = time.perf_counter()
            subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    with open(path, "rb") as stdin:
        report = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdin=stdin,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                check=False)
    peak_kib = report.stderr.decode().strip().splitlines()[-1]
    print(f"{best:.4f} {peak_kib}")


if __name__ == "__main__":
    main()
