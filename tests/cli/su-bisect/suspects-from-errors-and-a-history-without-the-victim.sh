# --suspects-from names an archive (exit 2 when it is none); a history
# that never ran the victim, or in which it never failed, is said on
# stderr and the search starts from the uniform prior.
source "$(dirname "${BASH_SOURCE[0]}")/bisect-lib"
make_run "$TMP/run" failure u.a u.b u.c u.victim
export CULPRITS=u.b
run su-bisect --suspects-from "$TMP/nowhere" --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 2
expect_stderr_contains "su-bisect: error: --suspects-from: no archive at '$TMP/nowhere'"
mkdir "$TMP/empty-dir"
run su-bisect --suspects-from "$TMP/empty-dir" --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 2
expect_stderr_contains "is not a su archive, testrepository or stestr repository"
run su-bisect --suspects-last 5 --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 2
expect_stderr_contains "--suspects-last needs --suspects-from"
run su-bisect --suspects-from "$TMP/empty-dir" --suspects-last 0 --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 2

# A history of other tests.
make_history "$TMP/other" 4 x.b x.a x.b x.victim
run su-bisect --suspects-from "$TMP/other" --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stderr_contains "su-bisect: warning: --suspects-from: '$TMP/other': none of its 4 runs ran 'u.victim'; starting from a uniform prior"
expect_stdout_contains "Prior: uniform (none of its 4 runs ran 'u.victim')"
expect_stdout_contains "Culprit: u.b"

# A history where the victim always passed (the culprit never ran before it).
make_history "$TMP/green" 6 nothing u.a u.b u.c u.victim
run su-bisect -q --format=ids --suspects-from "$TMP/green" --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stdout "u.b"
expect_stderr_contains "'u.victim' passed in all 6 runs where it ran; starting from a uniform prior"

# --suspects-last reads only the last runs: the last 2 of this history
# never ran the victim.
make_history "$TMP/.stestr" 6 u.b u.a u.b u.c u.victim
printf 'test: u.a\nsuccess: u.a\n' | su-upgrade > "$TMP/.stestr/6"
printf 'test: u.a\nsuccess: u.a\n' | su-upgrade > "$TMP/.stestr/7"
echo 8 > "$TMP/.stestr/next-stream"
run su-bisect -q --suspects-from "$TMP/.stestr" --suspects-last 2 --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stderr_contains "none of its 2 runs ran 'u.victim'"
run su-bisect -q --suspects-from "$TMP/.stestr" --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stderr_empty
expect_stdout_contains "Prior: from the history ('u.victim' failed in "

# A damaged run of the history is left out, with a warning naming it.
su-archive --archive "$TMP/archive" init 2>/dev/null
for r in 0 1 2 3 4 5; do su-archive --archive "$TMP/archive" add "$TMP/.stestr/$r" > /dev/null; done
idx=$(ls "$TMP/archive/index/"*.idx | sed -n 3p)
printf 'garbage' | dd of="$idx" bs=1 seek=20 conv=notrunc 2>/dev/null
run su-bisect -q --suspects-from "$TMP/archive" --runner "$FAKE_RUNNER {ids}" "$TMP/run"
expect_status 0
expect_stderr_contains "su-bisect: warning: --suspects-from: '$idx': "
expect_stderr_contains "; left out of the prior"
expect_stdout_contains "Culprit: u.b"
