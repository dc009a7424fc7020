# Only the inprogress packet of a test: it never finishes.
printf 'time: 2024-01-02 03:04:05Z\ntest: hung\n' | su-upgrade > full.v2
len=$(od -An -tu1 -j3 -N1 full.v2 | tr -d ' ')
head -c "$len" full.v2 > hung.v2
run su-downgrade hung.v2
expect_status 0
printf 'time: 2024-01-02 03:04:05.000000Z\ntest: hung\nfailure: hung [ multipart\n]\n' > want
expect_stdout_file want
