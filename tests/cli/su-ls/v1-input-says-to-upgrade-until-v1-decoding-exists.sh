# Once su-upgrade exists, su-ls reads v1 itself; until then it says how.
if [ -x "$(command -v su-upgrade)" ]; then exit 0; fi
run su-ls "$CORPUS/real-testr-run-1/input.v1"
expect_status 3
expect_stderr_contains "su-upgrade"
