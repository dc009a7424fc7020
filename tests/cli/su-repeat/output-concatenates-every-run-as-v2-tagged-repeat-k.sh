# The command writes v2 (v1 piped through su-upgrade); -o gets every run,
# each run's packets tagged repeat-K.
cat > suite.sh <<'SH'
#!/bin/sh
n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count
{ printf 'test: t.one\nsuccess: t.one\ntest: t.run%s\n' $n
  if [ $n -eq 2 ]; then printf 'failure: t.run%s\n' $n; else printf 'success: t.run%s\n' $n; fi; } | su-upgrade
SH
chmod +x suite.sh
run su-repeat -q -n 3 -o all.subunit -- ./suite.sh
expect_status 1
su-ls all.subunit > ids.txt
printf 't.one\nt.run1\nt.one\nt.run2\nt.one\nt.run3\n' | cmp -s - ids.txt || fail "runs not all in all.subunit in order: $(cat ids.txt)"
su-filter --with-tag=repeat-2 all.subunit | su-ls > run2.txt
printf 't.one\nt.run2\n' | cmp -s - run2.txt || fail "repeat-2 does not give run 2 back: $(cat run2.txt)"
# every test event carries its run's tag
su-json all.subunit > events.json
python3 - <<'PY' || fail "tags in all.subunit"
import json
seen = {}
for line in open("events.json"):
    e = json.loads(line)
    tags = [t for t in e.get("tags") or [] if t.startswith("repeat-")]
    assert len(tags) == 1, e
    seen.setdefault(e["id"], set()).add(tags[0])
assert seen["t.one"] == {"repeat-1", "repeat-2", "repeat-3"}, seen
assert seen["t.run2"] == {"repeat-2"}, seen
PY
su-stats all.subunit > /dev/null
[ $? -eq 1 ] || fail "the concatenation should hold run 2's failure"
true
