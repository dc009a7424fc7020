here=$(dirname "${BASH_SOURCE[0]}")
python3 "$here/../su-trace/make-v2.py" 'P("a,b", "success", ts=1)' 'P("say \"hi\"", "success", ts=1.5)' 'P("two\nlines", "uxsuccess", ts=2)' 'P("plain", "skip", ts=2.25)' > run.v2
run su-csv run.v2
expect_status 1
printf 'test,status,start_time,stop_time\r\n"a,b",success,2024-05-01 12:00:01+00:00,2024-05-01 12:00:01+00:00\r\n"say ""hi""",success,2024-05-01 12:00:01.500000+00:00,2024-05-01 12:00:01.500000+00:00\r\n"two\nlines",success,2024-05-01 12:00:02+00:00,2024-05-01 12:00:02+00:00\r\nplain,skip,2024-05-01 12:00:02.250000+00:00,2024-05-01 12:00:02.250000+00:00\r\n' > expected
expect_stdout_file expected
