#!/usr/bin/env bash
# Remakes the README's screenshots of su-report's two views with the same
# headless Chromium helper the CLI tests use (tests/cli/su-report/headless.py):
# the run view of examples/example-run.subunit, and the history view of
# twelve generated runs (needs python3-subunit). Usage: docs/make-screenshots.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SU_BUILD:-$root/build}
corpus=${SU_CORPUS:-$root/../shared/corpus}
headless="$root/tests/cli/su-report/headless.py"
export PATH="$build/tools:$PATH"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$root"
su-report --title "Test run: example-run.subunit" examples/example-run.subunit -o "$tmp/run.html"
python3 "$headless" screenshot "$tmp/run.html" docs/su-report-run.png 1000x1250

# Twelve runs of one 300-test suite, each failing a few tests at random
# (gen-bench.py with seeds 1 to 12): the grid of a flaky suite.
cd "$tmp"
su-archive --archive .su init 2>/dev/null
for seed in $(seq 1 12); do
  /usr/bin/python3 "$corpus/gen-bench.py" 300 --seed "$seed" --workers 4 -o run.v2
  su-archive --archive .su add --meta "build=$((1040 + seed))" run.v2 >/dev/null
done
su-report --archive .su --title "Test history: acme" -o history.html
python3 "$headless" screenshot history.html "$root/docs/su-report-history.png" 1000x900
ls -l "$root"/docs/su-report-*.png
