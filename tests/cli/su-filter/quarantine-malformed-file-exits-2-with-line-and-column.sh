# A malformed quarantine file is a usage error naming the file, line and
# column; nothing is written.
printf '[[test]]\nid = "x"\nreason = "unterminated\nexpires = 2027-01-31\n' > syntax.toml
run su-filter --quarantine syntax.toml "$CORPUS/v2-empty/input.v2"
expect_status 2
expect_stderr_contains "su-filter: error: 'syntax.toml': line 3, column "
expect_stdout_empty
printf '[[test]]\nid = "x"\nreason = "r"\nexpires = "2027-01-31"\n' > type.toml
run su-filter --quarantine type.toml "$CORPUS/v2-empty/input.v2"
expect_status 2
expect_stderr_contains "su-filter: error: 'type.toml': line 4, column 11: 'expires' must be a date, written like 2027-01-31 (no quotes)"
printf '[[test]]\nreason = "r"\n' > noid.toml
run su-filter --quarantine noid.toml "$CORPUS/v2-empty/input.v2"
expect_status 2
expect_stderr_contains "'noid.toml': line 1, column 1: entry has neither 'id' nor 'pattern'"
printf '[[test]]\npattern = "a("\nreason = "r"\n' > regex.toml
run su-filter --quarantine regex.toml "$CORPUS/v2-empty/input.v2"
expect_status 2
expect_stderr_contains "'regex.toml': line 2, column 11: "
run su-filter --quarantine missing.toml "$CORPUS/v2-empty/input.v2"
expect_status 4
expect_stderr_contains "cannot open 'missing.toml'"
