# 5 MiB of detail: python's subunit-1to2 fails (Length too long); su-upgrade
# splits it over several packets and loses nothing.
head -c 5242880 /dev/zero | tr '\0' 'x' > body
{ printf 'test: big\nfailure: big [ multipart\nContent-Type: text/plain\nlog\n500000\r\n'
  cat body; printf '0\r\n]\n'; } > in.v1
run su-upgrade in.v1
expect_status 0
expect_stderr_empty
su-upgrade in.v1 | su-downgrade > back.v1
grep -q "^failure: big \[ multipart" back.v1 || exit 1
grep -qa "^500000" back.v1 || { echo "detail size changed"; exit 1; }
[ "$(grep -c . back.v1)" -lt 20 ] || exit 1
