# An archive on a read-only file system (a read-only bind mount where the
# tests run as root, who ignores file modes; otherwise its modes) refuses
# the add: exit 4, a message naming the file, and the archive as it was.
snapshot() { (cd .su && find . -type f ! -name lock | sort | xargs md5sum); }
su-archive init 2>/dev/null
su-archive add "$CORPUS/real-direct-run/input.v2" >/dev/null || fail "first add failed"
snapshot > before
if [ "$(id -u)" = 0 ]; then
  command -v unshare >/dev/null || fail "unshare is needed to mount read-only as root"
  run unshare -m sh -c "mount --bind .su .su && mount -o remount,ro,bind .su &&
                        su-archive add '$CORPUS/real-stestr-last/input.v2'"
else
  chmod -R a-w .su
  run su-archive add "$CORPUS/real-stestr-last/input.v2"
  chmod -R u+w .su
fi
expect_status 4
expect_stderr_contains "su-archive: error: cannot"
expect_stderr_contains "nothing was added, the archive is as it was"
snapshot | cmp -s before - || fail "the archive changed"
# Queries still work on it.
run su-archive failing 0
expect_status 1
