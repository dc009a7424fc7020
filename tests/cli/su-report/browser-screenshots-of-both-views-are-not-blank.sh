# Screenshots of the run page and the history page, taken by headless
# Chromium, show a page: many colours (status colours among them), not a
# blank or single-colour image.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
su-report "$CORPUS/real-stestr-last/input.v2" -o run.html
su-archive init 2>/dev/null
for n in 0 2 3; do su-archive add "$CORPUS/real-stestr-run-$n/input.v1" >/dev/null; done
su-report --archive .su -o history.html
for page in run history; do
  run python3 "$here/headless.py" screenshot $page.html $page.png 600x400
  expect_status 0
  colours=$(python3 "$here/headless.py" colours $page.png)
  [ "$colours" -gt 16 ] || fail "$page.png has only $colours colours"
done
# And a blank page is told apart.
echo '<!DOCTYPE html><html><body></body></html>' > blank.html
python3 "$here/headless.py" screenshot blank.html blank.png 600x400
[ "$(python3 "$here/headless.py" colours blank.png)" -le 2 ] || fail "blank page not told apart"
