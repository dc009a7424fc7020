# A regular file on standard input is mapped, not read (base/input.hpp):
# what the shell has already read of it stays read, wherever that ends
# (here mid-page), and a large file lists exactly as it does through a pipe.
su-upgrade < "$CORPUS/real-testr-run-1/input.v1" > "$TMP/run"
for i in 1 2 3 4 5 6 7 8; do cat "$TMP/run"; done > "$TMP/runs"
su-ls < <(cat "$TMP/runs") > "$TMP/expected"
piped=$?
[ -s "$TMP/expected" ] || fail "fixture changed: nothing listed"
{ printf 'a line the shell reads first\n'; cat "$TMP/runs"; } > "$TMP/in"
run bash -c 'read -r line; su-ls' < "$TMP/in"
expect_status $piped
expect_stdout_file "$TMP/expected"
# By name, from the start, the same.
run su-ls "$TMP/runs"
expect_status $piped
expect_stdout_file "$TMP/expected"
