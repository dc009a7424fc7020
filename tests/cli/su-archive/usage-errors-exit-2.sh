run su-archive
expect_status 2
run su-archive frobnicate
expect_status 2
su-archive init 2>/dev/null
run su-archive failing
expect_status 2
expect_stderr_contains "su-archive: error: '.su' has no runs"
run su-archive failing x7
expect_status 2
expect_stderr_contains "'x7' is not a run"
run su-archive add --meta novalue "$CORPUS/real-direct-run/input.v2"
expect_status 2
expect_stderr_contains "--meta 'novalue' is not KEY=VALUE"
