# The check itself: a page whose script throws, or does not parse, is
# caught; su-report's page loads with no JavaScript error.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
su-report "$CORPUS/real-stestr-last/input.v2" -o page.html
run python3 "$here/headless.py" dom page.html
expect_status 0
grep -q '<html lang="en" class="js" data-ready="">' "$TMP/out" || fail "script did not run"
grep -q '<form id="filter" class="controls" role="search">' "$TMP/out" || fail "filter not shown"
sed "s/'use strict';/'use strict';no_such_function();/" page.html > throws.html
cmp -s page.html throws.html && fail "could not break the script"
run python3 "$here/headless.py" dom throws.html
expect_status 1
expect_stderr_contains "Uncaught ReferenceError: no_such_function is not defined"
sed "s/'use strict';/'use strict';}{/" page.html > unparsable.html
run python3 "$here/headless.py" dom unparsable.html
expect_status 1
expect_stderr_contains "Uncaught SyntaxError"
