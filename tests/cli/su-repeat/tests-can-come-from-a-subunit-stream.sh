# --tests takes a stream (here v2, as `stestr list --subunit` writes exists
# records): its ids in the order they first appear. {ids} passes them quoted.
printf 'test: t.first\nsuccess: t.first\ntest: t.second\nfailure: t.second\ntest: t.third\nsuccess: t.third\n' | su-upgrade > listed.subunit
cat > runner.sh <<'SH'
#!/bin/sh
n=$(cat calls 2>/dev/null || echo 0); n=$((n + 1)); echo $n > calls
printf '%s\n' "$@" > "args-$n.txt"
for id in "$@"; do printf 'test: %s\nsuccess: %s\n' "$id" "$id"; done
SH
chmod +x runner.sh
run su-repeat -q -n 1 --runner './runner.sh {ids}' --tests listed.subunit
expect_status 0
printf 't.first\nt.second\nt.third\n' | cmp -s - args-1.txt || fail "ids from the stream: $(cat args-1.txt)"
# from standard input too
rm calls
run su-repeat -q -n 1 --runner './runner.sh {ids}' --tests - < listed.subunit
expect_status 0
printf 't.first\nt.second\nt.third\n' | cmp -s - args-1.txt || fail "ids from stdin"
# an empty list is a usage error
: > empty.txt
run su-repeat -q --runner './runner.sh {ids}' --tests empty.txt
expect_status 2
expect_stderr_contains "su-repeat: error: 'empty.txt': no tests to run"
# a missing list is an I/O error
run su-repeat -q --runner './runner.sh {ids}' --tests missing.txt
expect_status 4
expect_stderr_contains "missing.txt"
# a corrupt zstd list cannot be decoded
printf '\050\265\057\375 not zstd' > corrupt.zst
run su-repeat -q --runner './runner.sh {ids}' --tests corrupt.zst
expect_status 3
expect_stderr_contains "su-repeat: error: 'corrupt.zst': byte"
true
