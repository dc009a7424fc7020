# The runner reads {list} and logs each order it was given.
cat > runner.sh <<'SH'
#!/bin/sh
n=$(cat calls 2>/dev/null || echo 0); n=$((n + 1)); echo $n > calls
cp "$1" "order-$n.txt"
while read -r id; do printf 'test: %s\nsuccess: %s\n' "$id" "$id"; done < "$1"
SH
chmod +x runner.sh
printf 'p.A.t1\np.A.t2\np.A.t3\np.B.t1\np.B.t2\np.C.t1\np.D.t1\np.D.t2\n' > tests.txt
run su-repeat -q -n 8 --original-every 4 --order=shuffle-classes --seed 11 --runner './runner.sh {list}' --tests tests.txt
expect_status 0
cmp -s order-1.txt tests.txt || fail "run 1 is not the original order"
cmp -s order-5.txt tests.txt || fail "run 5 is not the original order"
changed=0
for k in 2 3 4 6 7 8; do
  f=order-$k.txt
  sort "$f" | cmp -s - tests.txt || fail "$f is not a permutation of the tests"
  # the classes, in the order they appear, each once: methods kept together
  classes=$(sed 's/\.[^.]*$//' "$f" | uniq | tr '\n' ' ')
  [ "$(echo $classes | wc -w)" = 4 ] || fail "$f splits a class: $classes"
  # methods in their original order within a class
  grep '^p\.A\.' "$f" | cmp -s - <(grep '^p\.A\.' tests.txt) || fail "$f reorders p.A's methods"
  cmp -s "$f" tests.txt || changed=$((changed + 1))
done
[ $changed -ge 3 ] || fail "only $changed of 6 changed orders differ from the original"
expect_stdout_contains "Orders: shuffle-classes, seed 11"
# reverse: every changed order is the list backwards, and there is no seed
rm -f calls order-*.txt
run su-repeat -n 3 --original-every 2 --order=reverse --runner './runner.sh {list}' --tests tests.txt
expect_status 0
cmp -s order-1.txt tests.txt || fail "reverse: run 1 is not the original order"
tac tests.txt | cmp -s - order-2.txt || fail "reverse: run 2 is not the list backwards"
cmp -s order-3.txt tests.txt || fail "reverse: run 3 is not the original order"
grep -q seed "$TMP/out" "$TMP/err" && fail "reverse mentions a seed"
expect_stderr_contains "su-repeat: run 2 of 3: 8 tests, 0 failed"
expect_stderr_contains "changed order)"
true
