#!/usr/bin/env bash
# Runs every CLI test case in a tests/cli/<tool>/ folder (see lib.sh) and
# prints one line per case and a summary. Exits 1 if any case failed.
dir=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tools=${SU_TOOLS:?SU_TOOLS must name the built tools directory}
corpus=${SU_CORPUS:-$here/../../../shared/corpus}
passed=0 failed=0
for case in "$dir"/*.sh; do
  [ -e "$case" ] || continue
  name=$(basename "$dir")/$(basename "$case" .sh)
  tmp=$(mktemp -d)
  if (cd "$tmp" && PATH="$tools:$PATH" CORPUS="$corpus" TMP="$tmp" \
        bash -c 'source "$1"; source "$2"' _ "$here/lib.sh" "$case") 2>"$tmp/.log" </dev/null; then
    passed=$((passed + 1))
    echo "PASS $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    sed 's/^/    /' "$tmp/.log"
  fi
  rm -rf "$tmp"
done
echo "cli $(basename "$dir"): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
