run su-archive init
expect_status 0
expect_stderr_contains "created archive '.su'"
[ -f .su/format ] && [ -d .su/runs ] && [ -d .su/index ] || fail "layout missing"
run su-archive init
expect_status 0
expect_stderr_contains "already an archive"
mkdir other && echo x > other/file
run su-archive --archive other init
expect_status 2
expect_stderr_contains "'other' exists and is not an empty directory"
