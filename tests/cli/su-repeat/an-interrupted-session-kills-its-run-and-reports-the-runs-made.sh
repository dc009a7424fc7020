# SIGTERM (as ^C would) in run 3: the run's whole process group is killed,
# runs 1 and 2 are reported, run 3 is kept in -o but not counted, and
# su-repeat dies of the signal.
cat > suite.sh <<'SH'
#!/bin/sh
n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count
printf 'test: t.a\nsuccess: t.a\ntest: t.slow\n'
if [ $n -ge 3 ]; then sleep 30 & echo $! > sleeper; wait; fi
printf 'success: t.slow\n'
SH
chmod +x suite.sh
su-repeat -n 10 -o all.subunit -- ./suite.sh > "$TMP/out" 2> "$TMP/err" &
pid=$!
for _ in $(seq 100); do [ -s sleeper ] && break; sleep 0.05; done
[ -s sleeper ] || fail "run 3 never started"
kill -TERM $pid
wait $pid
status=$?
expect_status 143
expect_stdout_contains "2 runs in"
expect_stdout_contains "Interrupted: run 3 was cut short and is not counted."
# the runner's own child is gone too
sleeper=$(cat sleeper)
for _ in $(seq 40); do kill -0 "$sleeper" 2>/dev/null || break; sleep 0.05; done
kill -0 "$sleeper" 2>/dev/null && fail "the runner's child outlived su-repeat"
# nothing lost: run 3's events are in -o, tagged repeat-3
su-filter --with-tag=repeat-3 all.subunit | su-ls > run3.txt
grep -qx t.a run3.txt || fail "run 3 missing from -o"
true
