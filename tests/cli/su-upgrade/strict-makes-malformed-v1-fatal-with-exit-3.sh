printf 'test: a\nfailure: a [ multipart\nContent-Type: text/plain\nlog\n3\nabc0\r\n]\n' > in.v1
run su-upgrade --strict in.v1
expect_status 3
expect_stderr_contains "su-upgrade: error: 'in.v1': byte 60: line 5: bad chunk header"
