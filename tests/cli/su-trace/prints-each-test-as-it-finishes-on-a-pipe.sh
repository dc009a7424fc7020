# Reading a live pipe, a test's line appears when its last event arrives,
# not when the stream ends.
here=$(dirname "${BASH_SOURCE[0]}")
python3 "$here/make-v2.py" 'P("live.first", "inprogress", ts=0)' 'P("live.first", "success", ts=1)' > first.v2
python3 "$here/make-v2.py" 'P("live.second", "inprogress", ts=2)' 'P("live.second", "success", ts=3)' > second.v2
mkfifo pipe
su-trace --no-summary < pipe > live.out 2>&1 &
pid=$!
exec 3> pipe
cat first.v2 >&3
for _ in $(seq 50); do grep -q 'live.first' live.out && break; sleep 0.1; done
grep -qF '{0} live.first [1.000000s] ... ok' live.out || { exec 3>&-; wait $pid; cat live.out; fail "first test not shown while the stream is open"; }
grep -q 'live.second' live.out && fail "second test shown before it ran"
cat second.v2 >&3
exec 3>&-
wait $pid
st=$?
[ "$st" -eq 0 ] || fail "exit $st"
grep -qF '{0} live.second [1.000000s] ... ok' live.out || fail "second test missing"
