#!/usr/bin/env python3
"""Counts test cases from meson's testlog.json files and prints one line
"N passed, N failed" (plus skips). Each meson test reports its own cases:
doctest's summary line, the conformance runner's summary, and the CLI
runner's PASS/FAIL lines. A meson test that failed without reporting a
failed case (a crash, a timeout) counts as one failure.
"""
import json
import re
import sys


def cases_of(test):
    out = test.get('stdout', '') or ''
    m = re.search(r'test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed\s*\|\s*(\d+) skipped', out)
    if m:
        return int(m.group(2)), int(m.group(3)), int(m.group(4))
    m = re.search(r'^conformance: (\d+) passed, (\d+) failed, (\d+) skipped.*?, (\d+) deviations', out, re.M)
    if m:
        # deviations ran and were checked for crashes: they count as passed
        return int(m.group(1)) + int(m.group(4)), int(m.group(2)), int(m.group(3))
    passed = len(re.findall(r'^PASS ', out, re.M))
    failed = len(re.findall(r'^FAIL ', out, re.M))
    if passed or failed:
        return passed, failed, 0
    return None


def main():
    args = sys.argv[1:]
    extra = []
    if '--extra' in args:
        i = args.index('--extra')
        extra = args[i + 1:]
        args = args[:i]
    passed = failed = skipped = 0
    for path in args:
        try:
            lines = open(path, encoding='utf8').read().splitlines()
        except OSError:
            print('no test log at %s' % path)
            failed += 1
            continue
        for line in lines:
            test = json.loads(line)
            ok = test['result'] in ('OK', 'EXPECTEDFAIL')
            counted = cases_of(test)
            if test['result'] == 'SKIP':
                skipped += 1
                continue
            if counted is None:
                passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
                continue
            p, f, s = counted
            if not ok and f == 0:
                f = 1
            passed, failed, skipped = passed + p, failed + f, skipped + s
            if not ok:
                print('failed: %s (%s)' % (test['name'], path))
    for path in extra:
        for line in open(path, encoding='utf8'):
            if line.startswith('PASS '):
                passed += 1
            elif line.startswith('FAIL '):
                failed += 1
                print('failed: %s' % line[5:].strip())
    print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
