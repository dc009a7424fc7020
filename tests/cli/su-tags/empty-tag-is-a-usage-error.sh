run su-tags "" < /dev/null
expect_status 2
expect_stderr_contains "su-tags: error: '' names no tag"
run su-tags - < /dev/null
expect_status 2
