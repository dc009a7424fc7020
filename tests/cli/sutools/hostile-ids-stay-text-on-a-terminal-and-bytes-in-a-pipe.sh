# A test id, tag and traceback that would clear the screen, plant an OSC 8
# link and overwrite the line are shown with those bytes visible by
# su-trace, su-diff, su-stats and su-archive on a terminal; a pipe gets the
# stream's bytes as they are.
here=$(dirname "${BASH_SOURCE[0]}")
tty() { python3 "$here/on-a-terminal.py" "$@"; }
make=$here/../su-trace/make-v2.py
python3 - "$make" <<'PY' > run.v2
import runpy, sys
evil = "evil\x1b[2J\x1b]8;;http://x.example/\x1b\\link\x1b]8;;\x1b\\\rok\u009b"
sys.argv = [sys.argv[1],
            "P(%r, 'inprogress', ts=1, tags=['worker-0', 'tag\\x1b[31m'])" % evil,
            "P(%r, 'fail', ts=2, tags=['worker-0', 'tag\\x1b[31m'], file='traceback', "
            "data=b'Traceback\\n\\x1b[2Jboom\\r\\n', mime='text/plain;charset=utf8', eof=True)" % evil,
            "P('good', 'success', ts=3)"]
runpy.run_path(sys.argv[0], run_name="__main__")
PY
shown='evil\x1b[2J\x1b]8;;http://x.example/\x1b\link\x1b]8;;\x1b\\rok\u009b'
# raw bytes of the id, for the pipe checks
raw=$(printf 'evil\033[2J\033]8;;http://x.example/\033\\link\033]8;;\033\\\rok\302\233')

tty su-trace --color=never run.v2 > seen; status=$?
[ "$status" -eq 1 ] || fail "su-trace exit $status"
# (su-trace drops an id's first [...], as subunit-trace does: here "[2J\e]")
grep -qF -- '{0} evil\x1b8;;http://x.example/\x1b\link\x1b]8;;\x1b\\rok\u009b [1.000000s] ... FAILED' seen || fail "su-trace on a terminal: id not made visible: $(cat -v seen)"
grep -qF -- '\x1b[2Jboom\r' seen || fail "su-trace on a terminal: traceback not made visible"
grep -q $'\e' seen && fail "su-trace let ESC through to the terminal"
su-trace --color=never run.v2 > piped
grep -qF -- "${raw#evil$'\e[2J\e]'}" piped || fail "su-trace in a pipe changed the id's bytes"
grep -qF $'\e[2Jboom\r' piped || fail "su-trace in a pipe changed the traceback's bytes"

tty su-stats run.v2 > seen
grep -qF 'Seen tags: tag\x1b[31m, worker-0' seen || fail "su-stats on a terminal: $(cat -v seen)"
su-stats run.v2 > piped
grep -qF $'Seen tags: tag\e[31m, worker-0' piped || fail "su-stats in a pipe changed the tag"

su-filter --no-failure run.v2 > green.v2
tty su-diff --color=never green.v2 run.v2 > seen
grep -qF -- "$shown" seen || fail "su-diff on a terminal: $(cat -v seen)"
grep -q $'\e' seen && fail "su-diff let ESC through"
tty su-diff --format=ids --section=new-failures green.v2 run.v2 > seen
grep -qxF -- "$shown" seen || fail "su-diff ids on a terminal: $(cat -v seen)"
su-diff --format=ids --section=new-failures green.v2 run.v2 > piped
grep -qF -- "$raw" piped || fail "su-diff ids in a pipe changed the id's bytes"

su-archive init 2>/dev/null
su-archive add --meta $'who=\e]0;pwned\a' run.v2 >/dev/null
tty su-archive failing > seen
grep -qF -- "fail       $shown" seen || fail "su-archive failing on a terminal: $(cat -v seen)"
tty su-archive list > seen
grep -qF 'who=\x1b]0;pwned\x07' seen || fail "su-archive list on a terminal: $(cat -v seen)"
su-archive failing --format=ids > piped
grep -qF -- "$raw" piped || fail "su-archive ids in a pipe changed the id's bytes"
true
