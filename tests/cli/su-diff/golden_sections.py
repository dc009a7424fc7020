#!/usr/bin/env python3
"""Expected su-diff sections for two corpus runs, derived from python's goldens.

    golden_sections.py CORPUS OLD_FIXTURE NEW_FIXTURE SECTION

Prints the ids of SECTION (new-failures, fixed, still-failing, added,
removed, status-changes), sorted by bytes, one per line. A run's tests and
statuses come from its csv golden (`1to2 | csv` for v1 runs, `csv` for v2),
its failing tests from `filter -F | ls` (fail, uxsuccess and incomplete: the
ones the reference's filter -F keeps). Used by the CLI tests; never reads
su-diff's own output.
"""
import csv
import os
import sys


def golden(corpus, fixture, slug):
    d = os.path.join(corpus, fixture, 'golden')
    for name in ('1to2+' + slug + '.out', slug + '.out'):
        if os.path.exists(os.path.join(d, name)):
            return os.path.join(d, name)
    raise SystemExit('no golden %s for %s' % (slug, fixture))


def run(corpus, fixture):
    status = {}
    with open(golden(corpus, fixture, 'csv'), newline='', encoding='utf-8') as f:
        for row in list(csv.reader(f))[1:]:
            status[row[0]] = {'failure': 'fail'}.get(row[1], row[1])
    with open(golden(corpus, fixture, 'filter_F+ls'), 'rb') as f:
        failing = {line.decode('utf-8') for line in f.read().split(b'\n') if line}
    return status, failing


def main():
    corpus, old_fixture, new_fixture, section = sys.argv[1:]
    old_status, old_fail = run(corpus, old_fixture)
    new_status, new_fail = run(corpus, new_fixture)
    both = old_status.keys() & new_status.keys()
    ids = {
        'new-failures': new_fail - old_fail,
        'fixed': (old_fail & both) - new_fail,
        'still-failing': old_fail & new_fail,
        'added': new_status.keys() - old_status.keys(),
        'removed': old_status.keys() - new_status.keys(),
        'status-changes': {t for t in both - old_fail - new_fail
                           if old_status[t] != new_status[t]},
    }[section]
    out = sys.stdout.buffer
    for t in sorted(ids, key=lambda s: s.encode('utf-8')):
        out.write(t.encode('utf-8') + b'\n')


if __name__ == '__main__':
    main()
