# Every failed test of a real run is a <failure> holding its traceback, and
# the header counts agree with the test cases.
run su-junit "$CORPUS/real-stestr-last/input.v2"
expect_status 1
python3 - "$TMP/out" "$CORPUS/real-stestr-last/golden/stats.out" <<'PY' || fail "report does not match the run"
import re, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == 'testsuites', root.tag
suite = root.find('testsuite')
cases = suite.findall('testcase')
failures = [c for c in cases if c.find('failure') is not None and c.find('failure').get('type') == 'fail']
unfinished = [c for c in cases if c.find('error') is not None]
ux = [c for c in cases if c.find('failure') is not None and c.find('failure').get('type') == 'uxsuccess']
stats = open(sys.argv[2]).read()
total = int(re.search(r'Total tests:\s+(\d+)', stats).group(1))
failed = int(re.search(r'Failed tests:\s+(\d+)', stats).group(1))
assert len(cases) == total == int(suite.get('tests')) == int(root.get('tests')), (len(cases), total)
# su-stats counts fail and unfinished tests; JUnit adds uxsuccess to failures.
assert len(failures) + len(unfinished) == failed, (len(failures), len(unfinished), failed)
assert len(failures) + len(ux) == int(suite.get('failures'))
assert len(unfinished) == int(suite.get('errors'))
for c in failures:
    f = c.find('failure')
    assert f.text and 'Traceback (most recent call last)' in f.text, c.get('name')
    assert f.get('message'), c.get('name')
skipped = [c for c in cases if c.find('skipped') is not None]
assert len(skipped) == int(suite.get('skipped'))
PY
