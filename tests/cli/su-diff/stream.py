#!/usr/bin/env python3
"""Writes a small subunit v2 stream for su-diff's CLI tests, encoded by
python-subunit itself. One test result per input line:

    ID STATUS [route=R] [start=SECONDS] [stop=SECONDS]

STATUS is a v2 status (success, fail, skip, xfail, uxsuccess, exists) or
`open` (an inprogress packet only: the test never completes). With start=
an inprogress packet stamped at that second comes first; stop= stamps the
final packet (seconds after 2024-01-01T00:00:00Z).
"""
import datetime
import sys

from subunit import StreamResultToBytes
from subunit import iso8601

BASE = datetime.datetime(2024, 1, 1, tzinfo=iso8601.Utc())


def at(seconds):
    return BASE + datetime.timedelta(seconds=float(seconds))


def main():
    out = StreamResultToBytes(sys.stdout.buffer)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        test_id, status, opts = words[0], words[1], dict(w.split('=', 1) for w in words[2:])
        route = opts.get('route')
        if 'start' in opts or status == 'open':
            out.status(test_id=test_id, test_status='inprogress', route_code=route,
                       timestamp=at(opts['start']) if 'start' in opts else None)
        if status != 'open':
            out.status(test_id=test_id, test_status=status, route_code=route,
                       timestamp=at(opts['stop']) if 'stop' in opts else None)
    sys.stdout.buffer.flush()


if __name__ == '__main__':
    main()
