#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Loads su-report pages in a real headless Chromium (for the CLI cases in
this folder; not a case itself: run.sh runs only *.sh).

    headless.py dom PAGE              the DOM after load on stdout; exit 1 on a
                                      JavaScript error (console) or if the page's
                                      script did not run to its end
    headless.py survey OUT.json PAGE...   loads every page in one browser (as
                                      frames of a harness page, so one start-up
                                      serves them all) and writes, per page, what
                                      its live DOM holds; exit 1 as for dom
    headless.py screenshot PAGE PNG [WxH]
    headless.py measure PAGE [QUERY]  load the page once and print, as JSON, the
                                      browser's own load time (navigation start to
                                      the load event), the time the test table's
                                      filter takes for QUERY and what it shows,
                                      and the first
                                      timeline hover (which indexes the table)
                                      over the first bar, and the id it shows;
                                      then sorts the table by duration, longest
                                      first, and gives the first row's
    headless.py colours PNG           distinct colours of an 8-bit RGB(A) PNG
    headless.py rows DOMFILE          per row <tr data-test-id>: status TAB id TAB
                                      first cell's text (html.parser)
    headless.py cells DOMFILE         per history cell: run TAB status TAB id

Chromium runs as CI runs it, as root: --no-sandbox, --disable-gpu, a fresh
--user-data-dir, and a timeout per call (60 s; $HEADLESS_TIMEOUT). A JavaScript error is any
console line saying "Uncaught" or "Error" in Chromium's log
(--enable-logging=stderr), or a page whose <html> lacks the data-ready
attribute its script sets as its last act.
"""
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("headless.py: chromium is needed (apt-get install chromium)")


def run_chromium(args, url):
    with tempfile.TemporaryDirectory(prefix="su-report-chromium-") as profile:
        cmd = ["timeout", os.environ.get("HEADLESS_TIMEOUT", "60"), chromium(), "--headless", "--no-sandbox", "--disable-gpu",
               "--user-data-dir=" + profile, "--no-first-run", "--hide-scrollbars",
               "--enable-logging=stderr", "--v=0"] + args + [url]
        start = time.monotonic()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        elapsed = time.monotonic() - start
    log = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        sys.stderr.write(log[-3000:])
        sys.exit("headless.py: chromium exited with %d" % p.returncode)
    return p.stdout.decode("utf-8", "replace"), log, elapsed


def console_errors(log):
    return [line for line in log.splitlines()
            if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]


def url_of(path):
    return "file://" + os.path.abspath(path)


class Elements(html.parser.HTMLParser):
    """Start tags with their attributes, and each <tr>'s first cell text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []          # (tag, attrs dict)
        self.rows = []          # (attrs, first cell text)
        self._row = None
        self._cell = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "tr":
            self._row = [a, ""]
            self.rows.append(self._row)
            self._cell = 0
        elif tag == "td" and self._row is not None:
            self._cell += 1

    def handle_endtag(self, tag):
        if tag in ("tbody", "table"):
            self._row = None

    def handle_data(self, data):
        if self._row is not None and self._cell == 1:
            self._row[1] += data


def parse(path):
    p = Elements()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


SURVEY = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>%s
<pre id="survey"></pre><script>
window.addEventListener('load', function () {
  var out = [];
  document.querySelectorAll('iframe').forEach(function (f) {
    var d = f.contentDocument, q = function (s) { return d.querySelectorAll(s).length; };
    var counts = {};
    d.querySelectorAll('[data-count]').forEach(function (e) {
      counts[e.getAttribute('data-count')] = parseInt(e.textContent, 10); });
    var lanes = [];
    d.querySelectorAll('svg[data-timeline] > g[data-worker]').forEach(function (g) {
      lanes.push(g.getAttribute('data-worker')); });
    out.push({page: f.getAttribute('data-page'),
              ready: d.documentElement.hasAttribute('data-ready'),
              rows: q('tr[data-test-id]'), fail_rows: q('tr[data-status=fail]'),
              counts: counts, lanes: lanes, scripts: q('script'),
              timeline_elements: q('svg[data-timeline] *')});
  });
  document.getElementById('survey').textContent = JSON.stringify(out);
});
</script></body></html>"""


# Appended to a copy of the page by `measure`: the timings land in the DOM,
# which --dump-dom prints.
MEASURE = """<script>
window.addEventListener('load', function () {
  var d = document, h = d.documentElement, t = performance.timing;
  h.setAttribute('data-load-ms', String(t.loadEventStart - t.navigationStart));
  var q = d.querySelector('#filter input[type=search]');
  if (q) {
    var s = performance.now();
    q.value = %s; d.getElementById('filter').dispatchEvent(new Event('submit', {cancelable: true}));
    h.setAttribute('data-filter-ms', (performance.now() - s).toFixed(1));
    h.setAttribute('data-filter-shown', d.getElementById('shown').textContent);
  }
  var svg = d.querySelector('svg[data-timeline]');
  if (svg) {
    // Over the middle of the first bar drawn in the first lane.
    var m = /^M(\d+) \.5h(\d+)/.exec(svg.querySelector('g[data-worker] path').getAttribute('d'));
    var b = svg.getBoundingClientRect(), s2 = performance.now();
    var x = (parseInt(m[1], 10) + parseInt(m[2], 10) / 2) / 100000;
    svg.dispatchEvent(new PointerEvent('pointermove', {clientX: b.left + b.width * x,
                                                       clientY: b.top + 5, bubbles: true}));
    h.setAttribute('data-hover-ms', (performance.now() - s2).toFixed(1));
    var tip = d.getElementById('tip');
    h.setAttribute('data-hover-found', tip && !tip.hidden ? tip.firstChild.textContent : '');
    h.setAttribute('data-timeline-elements', String(svg.querySelectorAll('*').length));
  }
  var sort = d.querySelectorAll('#tests thead button')[2];
  if (sort) {
    // Sort by duration (twice: ascending, then descending) and report the
    // first row's duration.
    var s3 = performance.now();
    sort.click(); sort.click();
    h.setAttribute('data-sort-ms', (performance.now() - s3).toFixed(1));
    var first = d.querySelector('#tests tbody tr');
    h.setAttribute('data-sorted-first', first.cells[2].textContent);
    h.setAttribute('data-sorted-order', sort.parentNode.getAttribute('aria-sort'));
  }
});
</script>"""


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "dom":
        dom, log, elapsed = run_chromium(["--dump-dom"], url_of(argv[2]))
        sys.stdout.write(dom)
        sys.stderr.write("headless.py: %s loaded in %.2f s\n" % (argv[2], elapsed))
        errors = console_errors(log)
        ready = re.search(r"<html[^>]*\sdata-ready", dom) is not None
        for e in errors:
            sys.stderr.write("headless.py: javascript error: %s\n" % e)
        if not ready:
            sys.stderr.write("headless.py: the page's script did not finish (no data-ready)\n")
        return 1 if errors or not ready else 0
    if cmd == "survey":
        out, pages = argv[2], argv[3:]
        with tempfile.TemporaryDirectory(prefix="su-report-survey-") as d:
            frames = []
            for i, page in enumerate(pages):
                name = "p%d.html" % i
                shutil.copy(page, os.path.join(d, name))
                frames.append('<iframe src="%s" data-page="%d"></iframe>' % (name, i))
            harness = os.path.join(d, "survey.html")
            with open(harness, "w") as f:
                f.write(SURVEY % "".join(frames))
            dom, log, elapsed = run_chromium(["--allow-file-access-from-files", "--dump-dom"],
                                             url_of(harness))
        m = re.search(r'<pre id="survey">(.*?)</pre>', dom, re.S)
        if not m or not m.group(1):
            sys.exit("headless.py: the survey page did not report")
        import html as h
        results = json.loads(h.unescape(m.group(1)))
        for r in results:
            r["page"] = pages[int(r["page"])]
        with open(out, "w") as f:
            json.dump(results, f, indent=1)
        sys.stderr.write("headless.py: %d pages loaded in %.2f s\n" % (len(pages), elapsed))
        errors = console_errors(log)
        for e in errors:
            sys.stderr.write("headless.py: javascript error: %s\n" % e)
        not_ready = [r["page"] for r in results if not r["ready"]]
        for p in not_ready:
            sys.stderr.write("headless.py: %s: the page's script did not finish\n" % p)
        return 1 if errors or not_ready or len(results) != len(pages) else 0
    if cmd == "screenshot":
        size = argv[4] if len(argv) > 4 else "1200,1600"
        run_chromium(["--screenshot=" + os.path.abspath(argv[3]),
                      "--window-size=" + size.replace("x", ",")], url_of(argv[2]))
        return 0 if os.path.getsize(argv[3]) > 0 else 1
    if cmd == "measure":
        with tempfile.TemporaryDirectory(prefix="su-report-measure-") as d:
            copy = os.path.join(d, "page.html")
            with open(argv[2], encoding="utf-8") as f:
                page = f.read()
            at = page.rfind("</body>")
            with open(copy, "w", encoding="utf-8") as f:
                query = json.dumps(argv[3] if len(argv) > 3 else "00001")
                f.write(page[:at] + (MEASURE % query) + page[at:])
            dom, log, elapsed = run_chromium(["--dump-dom"], url_of(copy))
        m = re.search(r"<html[^>]*>", dom)
        attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', m.group(0) if m else ""))
        attrs["chromium-seconds"] = "%.2f" % elapsed
        attrs["errors"] = len(console_errors(log))
        print(json.dumps(attrs))
        return 1 if attrs["errors"] or "ready" not in attrs else 0
    if cmd == "colours":
        print(len(png_colours(argv[2])))
        return 0
    if cmd == "rows":
        for attrs, text in parse(argv[2]).rows:
            if "data-test-id" in attrs:
                print("%s\t%s\t%s" % (attrs.get("data-status"), attrs["data-test-id"], text))
        return 0
    if cmd == "cells":
        for tag, attrs in parse(argv[2]).tags:
            if tag == "td" and "data-run" in attrs:
                print("%s\t%s\t%s" % (attrs["data-run"], attrs["data-status"], attrs["data-test-id"]))
        return 0
    sys.exit(__doc__)


def png_colours(path):
    """The set of distinct pixel colours of a non-interlaced 8-bit RGB/RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("headless.py: '%s' is not a PNG" % path)
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                sys.exit("headless.py: unsupported PNG (depth %d, colour type %d)" % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours = set()
    i = 0
    while i < len(raw):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            colours.add(bytes(line[x:x + 3]))
        prev = line
    return colours


if __name__ == "__main__":
    sys.exit(main(sys.argv))
