# Test ids, attachment text and tags holding markup show as text in the
# browser: no script of theirs runs and no element of theirs appears.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
id='pkg.test_<script>document.title="pwned"</script><img src=x onerror=alert(1)>'
printf '%s\n' \
  'time: 2024-05-01 12:00:00.000000Z' \
  "tags: worker-<b>0</b>" \
  "test: $id" \
  'time: 2024-05-01 12:00:01.000000Z' \
  "failure: $id [" \
  '</pre><script>document.body.innerHTML="gone"</script>' \
  ']' > markup.v1
run su-report --title 'Report <i>x</i>' markup.v1 -o page.html
expect_status 0
run python3 "$here/headless.py" dom page.html
expect_status 0
cp "$TMP/out" page.dom
python3 "$here/headless.py" rows page.dom > rows.tsv
python3 - page.dom rows.tsv "$id" <<'PY' || fail "markup escaped the page"
import sys
dom, rows, test_id = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
assert rows == "fail\t%s\t%s\n" % (test_id, test_id), rows
assert dom.count("<script") == 1, dom.count("<script")
assert "<img" not in dom and "<b>0</b>" not in dom and "<i>x</i>" not in dom
assert "<title>Report &lt;i&gt;x&lt;/i&gt;</title>" in dom
assert "pwned" not in dom.split("<title>")[1].split("</title>")[0]
assert "gone" not in dom.split("<body>")[1][:100]
assert '&lt;/pre&gt;&lt;script&gt;document.body.innerHTML="gone"&lt;/script&gt;' in dom
PY
