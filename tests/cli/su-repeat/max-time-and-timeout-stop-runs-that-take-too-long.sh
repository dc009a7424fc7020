# --max-time: no run starts after it, and the run still going is cut short
# and not counted. Each run here takes 0.4 s.
cat > slow.sh <<'SH'
#!/bin/sh
printf 'test: t.a\n'; sleep 0.4; printf 'success: t.a\n'
SH
chmod +x slow.sh
start=$(date +%s%N)
run su-repeat -n 100 --max-time 1 -- ./slow.sh
took=$(( ($(date +%s%N) - start) / 1000000 ))
expect_status 0
[ $took -lt 3000 ] || fail "--max-time 1 took $took ms"
# about 2 runs fit (fewer on a loaded machine); the next one is cut short
cut=$(sed -n 's/^Stopped by --max-time: run \([0-9]*\) was cut short and is not counted\.$/\1/p' "$TMP/out")
[ -n "$cut" ] && [ "$cut" -ge 2 ] && [ "$cut" -le 3 ] || fail "no run cut short by --max-time"
expect_stdout_contains "$((cut - 1)) run"
# too short for any run: nothing is known, exit 4
run su-repeat -q --max-time 0.1 -- ./slow.sh
expect_status 4
expect_stderr_contains "su-repeat: error: no run finished within --max-time"
# --timeout kills a hanging run; the test it was in counts as failed
cat > hang.sh <<'SH'
#!/bin/sh
printf 'test: t.ok\nsuccess: t.ok\ntest: t.hangs\n'; sleep 30; printf 'success: t.hangs\n'
SH
chmod +x hang.sh
start=$(date +%s%N)
run su-repeat -n 2 --timeout 0.3 -- ./hang.sh
took=$(( ($(date +%s%N) - start) / 1000000 ))
expect_status 1
[ $took -lt 3000 ] || fail "--timeout 0.3 twice took $took ms"
grep -qE '^t\.hangs +2 +2 +100\.0%' "$TMP/out" || fail "t.hangs should fail both runs"
expect_stderr_contains "su-repeat: run 1 of 2: 2 tests, 1 failed"
expect_stderr_contains "timed out): t.hangs"
true
