#!/usr/bin/env python3
"""Writes a subunit v2 stream to stdout, built from python statements on the
command line, for CLI tests that need a stream the corpus lacks:

    make-v2.py 'P("a.b", "inprogress", ts=1.0)' 'P("a.b", "fail", ts=1.5, tags=["worker-1"])'

P(test_id, status=None, ts=None, tags=None, file=None, data=b'', mime=None,
eof=False, route=None) writes one packet (spec/subunit-v2.md); ts is seconds
after 2024-05-01T12:00:00Z. T(bytes) writes raw non-packet bytes."""
import struct
import sys
import zlib

STATUS = {None: 0, 'exists': 1, 'inprogress': 2, 'success': 3, 'uxsuccess': 4,
          'skip': 5, 'fail': 6, 'xfail': 7}
BASE = 1714564800  # 2024-05-01T12:00:00Z
out = sys.stdout.buffer


def number(v):
    if v < 64:
        return struct.pack('>B', v)
    if v < 16384:
        return struct.pack('>H', v | 0x4000)
    if v < 4194304:
        v |= 0x800000
        return struct.pack('>HB', v >> 8, v & 0xff)
    return struct.pack('>I', v | 0xc0000000)


def utf8(s):
    b = s.encode('utf8') if isinstance(s, str) else s
    return number(len(b)) + b


def P(test_id=None, status=None, ts=None, tags=None, file=None, data=b'', mime=None,
      eof=False, route=None):
    flags, body = 0x2000 | 0x0100, b''
    if ts is not None:
        flags |= 0x0200
        us = round(ts * 1e6)
        body += struct.pack('>I', BASE + us // 1000000) + number(us % 1000000 * 1000)
    if test_id is not None:
        flags |= 0x0800
        body += utf8(test_id)
    if tags:
        flags |= 0x0080
        body += number(len(tags)) + b''.join(utf8(t) for t in tags)
    if mime:
        flags |= 0x0020
        body += utf8(mime)
    if file is not None:
        flags |= 0x0040
        data = data.encode('utf8') if isinstance(data, str) else data
        body += utf8(file) + number(len(data)) + data
    if eof:
        flags |= 0x0010
    if route is not None:
        flags |= 0x0400
        body += utf8(route)
    flags |= STATUS[status]
    base = 3 + len(body) + 4
    n = base + (1 if base <= 62 else 2 if base <= 16381 else 3)
    packet = b'\xb3' + struct.pack('>H', flags) + number(n) + body
    out.write(packet + struct.pack('>I', zlib.crc32(packet) & 0xffffffff))


def T(raw):
    out.write(raw.encode('utf8') if isinstance(raw, str) else raw)


for statement in sys.argv[1:]:
    exec(statement)
