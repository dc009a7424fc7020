# Pairs of real stestr/testr runs of the sample project (read as the v1 their
# repositories store): every section su-diff lists must be exactly what the
# reference's goldens of the two runs imply (golden_sections.py).
here=$(dirname "${BASH_SOURCE[0]}")
for pair in "stestr-run-2 stestr-run-3" "stestr-run-3 stestr-run-5" \
            "stestr-run-5 stestr-run-6" "stestr-run-0 stestr-run-2" \
            "testr-run-1 testr-run-2" "testr-run-2 testr-run-4" \
            "testr-run-4 testr-run-5" "stestr-run-3 testr-run-1"; do
  set -- $pair
  for section in new-failures fixed still-failing added removed status-changes; do
    python3 "$here/golden_sections.py" "$CORPUS" "real-$1" "real-$2" "$section" > "$TMP/expected"
    run su-diff --format=ids --section="$section" \
      "$CORPUS/real-$1/input.v1" "$CORPUS/real-$2/input.v1"
    [ "$status" -le 1 ] || fail "$1 -> $2: exit $status"
    expect_stdout_file "$TMP/expected" || exit 1
  done
done
