old="$CORPUS/real-stestr-run-2/input.v1" new="$CORPUS/real-stestr-run-3/input.v1"
run su-diff --color=always "$old" "$new"
expect_status 1
grep -q $'\033\\[1;31mnew-failures\033\\[0m' "$TMP/out" || fail "no red new-failures header"
run su-diff --color=never "$old" "$new"
if grep -q $'\033' "$TMP/out"; then fail "colour with --color=never"; fi
run su-diff --color=auto "$old" "$new"
if grep -q $'\033' "$TMP/out"; then fail "colour on a pipe with --color=auto"; fi
# Under a pseudo-terminal auto colours, unless NO_COLOR is set.
if command -v script >/dev/null; then
  script -qec "su-diff '$old' '$new'" /dev/null > "$TMP/tty" < /dev/null
  grep -q $'\033\\[1;31m' "$TMP/tty" || fail "no colour on a terminal"
  NO_COLOR=1 script -qec "su-diff '$old' '$new'" /dev/null > "$TMP/tty" < /dev/null
  if grep -q $'\033\\[1;31m' "$TMP/tty"; then fail "colour despite NO_COLOR"; fi
fi
exit 0
