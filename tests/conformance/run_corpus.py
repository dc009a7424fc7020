#!/usr/bin/env python3
"""Corpus conformance: run every case of ../shared/corpus/cases.tsv whose
tools are built and compare with python-subunit's golden output.

Each case is a pipeline of generic commands (`1to2 | filter -s | ls`); every
stage is mapped to an su- tool (TOOLS), run with the previous stage's output
as a regular file on stdin, as the goldens were recorded. The final stdout is
compared with the golden file in the way that suits the output (COMPARE), and
the final exit status with the golden's.

Some cases cannot match, on purpose: python crashed (we do the sensible thing,
tested in tests/cli), or sutools fixes a python bug the issue asked to fix.
Those are listed in DEVIATIONS with the reason; the runner still checks that
the tool ran without crashing. Cases whose tools are not built yet are
skipped. Prints one line per case and a summary; exits 1 on any failure.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

# generic command -> (program, arguments put before the case's own)
TOOLS = {
    'ls': ('su-ls', []),
    'stats': ('su-stats', []),
    'decode': ('decode-events', []),
    # python's filter drops successes and xfails by default; su-filter keeps
    # everything unless told (DESIGN.md), so ask for python's defaults.
    'filter': ('su-filter', ['--no-success', '--no-xfail']),
    '1to2': ('su-upgrade', []),
    '2to1': ('su-downgrade', []),
    'csv': ('su-csv', []),
    # su-junit's default is richer JUnit XML; this flag is python's format.
    'junitxml': ('su-junit', ['--format=subunit2junitxml']),
    'tags': ('su-tags', []),
}

# Final-stage tool -> how stdout is compared: 'bytes', 'events' (v2 output,
# compared decoded), 'v1' (v1 text, tags lines compared as sets), 'decode'.
COMPARE = {
    'ls': 'bytes', 'stats': 'bytes', 'csv': 'bytes', 'junitxml': 'bytes',
    'decode': 'decode', 'filter': 'events', '1to2': 'v2bytes', 'tags': 'events',
    '2to1': 'v1',
}

# (fixture or '*', command or regex) -> why sutools differs on purpose.
DEVIATIONS = [
    ('*', r'^ls --no-passthrough$', 'v1',
     'python\'s v2 tools read v1 as plain text; sutools sniffs v1 and decodes it'),
    ('v2-truncated-final-packet', r'^2to1$', 'v2',
     'the "Packet data" part holds every byte of the truncated packet; python keeps '
     'the first six and drops the rest (DESIGN.md: nothing is lost)'),
]


def deviation_for(fixture, command, input_path):
    version = 'v1' if input_path.endswith('.v1') else 'v2'
    for fx, pattern, only, why in DEVIATIONS:
        if fx not in ('*', fixture):
            continue
        if only and only != version:
            continue
        if re.search(pattern, command):
            return why
    return None


class Runner:
    def __init__(self, tools_dir, test_tools_dir, corpus):
        self.tools_dir = tools_dir
        self.test_tools_dir = test_tools_dir
        self.corpus = corpus
        self.tmp = tempfile.mkdtemp(prefix='su-conformance-')

    def program(self, generic):
        name, pre = TOOLS[generic]
        for d in (self.tools_dir, self.test_tools_dir):
            path = os.path.join(d, name)
            if os.access(path, os.X_OK):
                return path, pre
        return None, pre

    def run_pipeline(self, command, input_path):
        stages = [s.split() for s in command.split(' | ')]
        current = input_path
        exits = []
        for i, words in enumerate(stages):
            prog, pre = self.program(words[0])
            out_path = os.path.join(self.tmp, 'stage%d' % i)
            with open(current, 'rb') as stdin, open(out_path, 'wb') as stdout:
                proc = subprocess.run([prog] + pre + words[1:], stdin=stdin, stdout=stdout,
                                      stderr=subprocess.PIPE, timeout=120)
            exits.append(proc.returncode)
            self.last_stderr = proc.stderr.decode('utf8', 'replace')
            current = out_path
        with open(current, 'rb') as f:
            return f.read(), exits

    def decode(self, data):
        prog, _ = self.program('decode')
        path = os.path.join(self.tmp, 'to-decode')
        with open(path, 'wb') as f:
            f.write(data)
        out = subprocess.run([prog, path], stdout=subprocess.PIPE, check=True).stdout
        return [json.loads(line) for line in out.decode('utf8').splitlines()]


def merge_text_events(events):
    """python's stray-text chunking depends on timing: join adjacent chunks."""
    out = []
    for e in events:
        plain = e['test_id'] is None and e['file_name'] == 'stdout' and e['status'] is None \
            and e['mime_type'] is None and not e['eof'] and e['tags'] is None \
            and e['timestamp'] is None and e['route_code'] is None
        if plain and out and out[-1].get('_plain') and e['file_encoding'] == out[-1]['file_encoding'] == 'utf8':
            out[-1]['file_bytes'] += e['file_bytes']
            continue
        e = dict(e)
        e['_plain'] = plain
        out.append(e)
    for e in out:
        e.pop('_plain')
    return out


def packet_data_bytes(e):
    import base64
    if e['file_encoding'] == 'base64':
        return base64.b64decode(e['file_bytes'])
    return e['file_bytes'].encode('utf8')


def same_events(actual, golden):
    """Equal event lists, except that sutools' "Packet data" for a truncated
    packet holds every byte it gave up on, where python's holds the first six
    and drops the rest (DESIGN.md: nothing is lost). python's bytes must be
    a prefix of ours."""
    if len(actual) != len(golden):
        return False
    for a, g in zip(actual, golden):
        if a == g:
            continue
        if a['file_name'] == g['file_name'] == 'Packet data' and a['test_id'] == 'subunit.parser':
            rest_a = {k: v for k, v in a.items() if k not in ('file_bytes', 'file_encoding')}
            rest_g = {k: v for k, v in g.items() if k not in ('file_bytes', 'file_encoding')}
            if rest_a == rest_g and packet_data_bytes(a).startswith(packet_data_bytes(g)):
                continue
        return False
    return True


def mask_times(data):
    data = re.sub(rb'\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?', b'<time>', data)
    # junitxml's durations on a stream without timestamps are wall-clock too.
    return re.sub(rb' time="\d+\.\d{3}"', b' time="<t>"', data)


def normalise_v1_tags(data):
    def sort_words(m):
        words = sorted(m.group(2).split(b' '))
        return m.group(1) + b' '.join(words)
    return re.sub(rb'^(tags: )(.*)$', sort_words, data, flags=re.M)


def unstamped(events, deterministic):
    """Wall-clock cases: python stamped events with the time of the run,
    su-upgrade leaves them unstamped (su-upgrade(1)); compare without them."""
    if deterministic == 'wall-clock':
        for e in events:
            e['timestamp'] = None
    return events


def compare(runner, mode, actual, golden, deterministic):
    if mode == 'v2bytes':  # su-upgrade: python's bytes exactly, where python's are stable
        if deterministic == 'yes':
            return actual == golden
        mode = 'events'
    if deterministic == 'wall-clock':
        actual, golden = mask_times(actual), mask_times(golden)
        if mode == 'v1':
            actual, golden = (re.sub(rb'(?m)^time: <time>Z?\n', b'', x) for x in (actual, golden))
    if mode == 'bytes':
        return actual == golden
    if mode == 'v1':
        return normalise_v1_tags(actual) == normalise_v1_tags(golden)
    if mode == 'decode':
        a = merge_text_events([json.loads(l) for l in actual.decode('utf8').splitlines()])
        g = merge_text_events([json.loads(l) for l in golden.decode('utf8').splitlines()])
        return same_events(unstamped(a, deterministic), unstamped(g, deterministic))
    if mode == 'events':
        return same_events(unstamped(merge_text_events(runner.decode(actual)), deterministic),
                           unstamped(merge_text_events(runner.decode(golden)), deterministic))
    if mode == 'filter-tests':
        return same_filter_items(filter_items(runner.decode(actual)),
                                 filter_items(runner.decode(golden)))
    raise ValueError(mode)


# su-filter is lossless on purpose (DESIGN.md): it forwards a kept test's
# original packets (start times, route codes, chunking, MIME types intact)
# where python re-encodes them, keeps `exists` tests, and leaves an
# unfinished test unfinished where python writes a `fail`. So a raw filter
# output is compared by what was selected: the kept tests in output order
# (id, final status, tags as a set, attachments' bytes by name) and the
# non-test output between them.
def filter_items(events):
    items = []
    cur = None
    for e in events:
        if e['test_id'] is None:
            cur = None
            if e['file_name'] is None:
                continue
            data = packet_data_bytes(e)
            if items and items[-1][0] == 'text' and items[-1][1] == e['file_name']:
                items[-1] = ('text', e['file_name'], items[-1][2] + data)
            else:
                items.append(('text', e['file_name'], data))
            continue
        if e['status'] == 'exists':
            cur = None
            continue
        key = (e['test_id'], e['route_code'])
        if cur is None or cur['key'] != key or cur['done']:
            cur = {'key': key, 'id': e['test_id'], 'status': 'fail', 'done': False,
                   'tags': [], 'files': {}}
            items.append(('test', cur))
        if e['status'] not in (None, 'inprogress'):
            cur['status'], cur['done'] = e['status'], True
        if e['tags'] is not None:
            cur['tags'] = sorted(e['tags'])
        if e['file_name'] is not None and e['file_bytes']:
            cur['files'][e['file_name']] = cur['files'].get(e['file_name'], b'') + packet_data_bytes(e)
    return [('test', (t['id'], t['status'], t['tags'], t['files'])) if kind == 'test' else
            (kind, t, *rest) for kind, t, *rest in items]


def same_filter_items(actual, golden):
    if len(actual) != len(golden):
        return False
    for a, g in zip(actual, golden):
        if a == g:
            continue
        if a[0] == g[0] == 'test' and a[1][:3] == g[1][:3] and a[1][0] == 'subunit.parser':
            fa, fg = a[1][3], g[1][3]  # python keeps only a prefix of the damaged bytes
            if fa.keys() == fg.keys() and all(fa[k].startswith(fg[k]) for k in fa):
                continue
        return False
    return True


def filter_input_events(runner, command, input_path):
    """The decoded input of a case's filter stage (run_pipeline left it in tmp)."""
    i = [s.split()[0] for s in command.split(' | ')].index('filter')
    path = input_path if i == 0 else os.path.join(runner.tmp, 'stage%d' % (i - 1))
    with open(path, 'rb') as f:
        return runner.decode(f.read())


def filter_compare_mode(runner, command, input_path, mode, golden):
    """How a case with a filter stage is compared. A raw filter output by
    filter_items(). A listing of `filter --rename A B | ls`: python's --rename
    skips skip/xfail/uxsuccess tests (a bug), su-filter renames every test,
    so each golden line that is a test id of the input is renamed first."""
    stages = command.split(' | ')
    if stages[-1].split()[0] == 'filter':
        return 'filter-tests', golden
    words = stages[[s.split()[0] for s in stages].index('filter')].split()
    if '--rename' in words and mode == 'bytes':
        ids = {e['test_id'].encode() for e in filter_input_events(runner, command, input_path)
               if e['test_id'] is not None}
        i = words.index('--rename')
        old, new = words[i + 1].encode(), words[i + 2].encode()
        golden = b''.join(re.sub(old, new, line) if line.rstrip(b'\n') in ids else line
                          for line in golden.splitlines(True))
    return mode, golden


def without_kept_uxsuccess(runner, command, input_path, actual, golden):
    """python's filter keeps every uxsuccess whatever the filters say (a bug
    su-filter fixes; tests/cli/su-filter covers it). Returns the golden
    listing without the lines naming a uxsuccess test of the input that
    su-filter left out, and those ids."""
    ux = {e['test_id'].encode() for e in filter_input_events(runner, command, input_path)
          if e['test_id'] is not None and e['status'] == 'uxsuccess'}
    ours = set(actual.splitlines())
    kept = [l for l in golden.splitlines(True) if not (l.rstrip(b'\n') in ux and l.rstrip(b'\n') not in ours)]
    return b''.join(kept), sorted(ux - ours)


def stats_with_uxsuccess_failing(runner, command, input_path, golden):
    """su-stats counts an unexpected success as failed (the one rule,
    src/ops/outcome.hpp); subunit-stats counts it as passed. Returns the
    golden report with the input's uxsuccess results moved from "Passed" to
    "Failed", and how many moved."""
    i = len(command.split(' | ')) - 1
    path = input_path if i == 0 else os.path.join(runner.tmp, 'stage%d' % (i - 1))
    with open(path, 'rb') as f:
        ux = sum(1 for e in runner.decode(f.read()) if e['status'] == 'uxsuccess')
    if not ux:
        return golden, 0

    def move(m):
        n = int(m.group(2)) + (ux if m.group(1) == b'Failed' else -ux)
        return m.group(1) + b' tests:  ' + b'%5d' % n
    return re.sub(rb'(?m)^(Passed|Failed) tests:\s*(\d+)', move, golden), ux


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--tools', required=True, help='directory of the built su- tools')
    ap.add_argument('--test-tools', default=None, help='directory of decode-events')
    ap.add_argument('--corpus', default=os.environ.get('SU_CORPUS'), help='../shared/corpus')
    ap.add_argument('--only', default=None, help='regex on "fixture: command"')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()
    corpus = os.environ.get('SU_CORPUS') or args.corpus
    if not corpus or not os.path.isfile(os.path.join(corpus, 'cases.tsv')):
        print('corpus not found (set SU_CORPUS or --corpus): %r' % corpus)
        return 77
    runner = Runner(args.tools, args.test_tools or os.path.dirname(os.path.abspath(__file__)), corpus)
    counts = {'PASS': 0, 'FAIL': 0, 'SKIP': 0, 'DEVIATION': 0}
    with open(os.path.join(corpus, 'cases.tsv'), encoding='utf8') as f:
        rows = [line.rstrip('\n').split('\t') for line in f][1:]
    for fixture, input_rel, command, out_rel, err_rel, exit_code, stage_exits, det in rows:
        name = '%s: %s' % (fixture, command)
        if args.only and not re.search(args.only, name):
            continue
        generics = [s.split()[0] for s in command.split(' | ')]
        if any(runner.program(g)[0] is None for g in generics):
            counts['SKIP'] += 1
            if args.verbose:
                print('SKIP %s (tool not built)' % name)
            continue
        input_path = os.path.join(corpus, input_rel)
        golden_err = '' if err_rel == '-' else open(os.path.join(corpus, err_rel), encoding='utf8', errors='replace').read()
        python_crashed = 'Traceback (most recent call last)' in golden_err
        why = deviation_for(fixture, command, input_path)
        try:
            actual, exits = runner.run_pipeline(command, input_path)
        except subprocess.TimeoutExpired:
            counts['FAIL'] += 1
            print('FAIL %s (timed out)' % name)
            continue
        crashed = [e for e in exits if e < 0 or e >= 128 or e not in (0, 1, 2, 3, 4)]
        if crashed:
            counts['FAIL'] += 1
            print('FAIL %s (a stage crashed: exits %s)\n  %s' % (name, exits, runner.last_stderr[-500:]))
            continue
        if python_crashed or why:
            counts['DEVIATION'] += 1
            if args.verbose:
                print('DEVIATION %s (%s)' % (name, why or 'python crashed; checked that sutools did not'))
            continue
        with open(os.path.join(corpus, out_rel), 'rb') as g:
            golden = g.read()
        mode = COMPARE[generics[-1]]
        if 'filter' in generics:
            mode, golden = filter_compare_mode(runner, command, input_path, mode, golden)
        ok_out = compare(runner, mode, actual, golden, det)
        if not ok_out and 'filter' in generics and mode == 'bytes':
            fixed, ux_ids = without_kept_uxsuccess(runner, command, input_path, actual, golden)
            if ux_ids and compare(runner, mode, actual, fixed, det):
                counts['DEVIATION'] += 1
                if args.verbose:
                    print('DEVIATION %s (python keeps uxsuccess %s despite the filters)'
                          % (name, b', '.join(ux_ids).decode('utf8', 'replace')))
                continue
        if not ok_out and generics[-1] == 'stats':
            fixed, ux = stats_with_uxsuccess_failing(runner, command, input_path, golden)
            if ux and compare(runner, mode, actual, fixed, det) and exits[-1] == 1:
                counts['DEVIATION'] += 1
                if args.verbose:
                    print('DEVIATION %s (%d uxsuccess counted as failed)' % (name, ux))
                continue
        ok_exit = exits[-1] == int(exit_code)
        if ok_out and ok_exit:
            counts['PASS'] += 1
            if args.verbose:
                print('PASS %s' % name)
        else:
            counts['FAIL'] += 1
            what = []
            if not ok_out:
                what.append('stdout differs (%s)' % mode)
            if not ok_exit:
                what.append('exit %d, golden %s' % (exits[-1], exit_code))
            print('FAIL %s: %s' % (name, '; '.join(what)))
    print('conformance: %d passed, %d failed, %d skipped (tool not built), '
          '%d deviations (python crashed or a documented fix; checked for no crash)'
          % (counts['PASS'], counts['FAIL'], counts['SKIP'], counts['DEVIATION']))
    return 1 if counts['FAIL'] else 0


if __name__ == '__main__':
    sys.exit(main())
