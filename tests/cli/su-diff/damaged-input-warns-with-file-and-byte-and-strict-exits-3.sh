# A bad CRC is reported on stderr naming the file and byte; the damage is a
# failing test subunit.parser, so it shows up as a new failure.
good="$CORPUS/real-stestr-run-2/input.v1" bad="$CORPUS/v2-bad-crc/input.v2"
run su-diff --format=ids --section=new-failures "$good" "$bad"
expect_status 1
expect_stderr_contains "su-diff: warning: '$bad': byte "
expect_stdout_contains "subunit.parser"
run su-diff --strict "$good" "$bad"
expect_status 3
expect_stderr_contains "su-diff: error: '$bad': byte "
