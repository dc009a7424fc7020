#!/usr/bin/env bash
# su-csv, su-junit and su-trace against subunit2csv, subunit2junitxml and
# os-testr's subunit-trace on the 100k-test stream (issue 6), with peak RSS
# to show memory stays bounded. Usage: bench/bench-reports.sh [N...]
# (subunit2junitxml needs python3-junitxml, subunit-trace python3-os-testr.)
source "$(dirname "$0")/lib.sh"
need subunit2junitxml "apt-get install python3-junitxml"
need subunit-trace "apt-get install python3-os-testr"
sizes=${*:-100000}
for n in $sizes; do
  v2=$(stream "$n" v2)
  echo "== $n tests"
  compare "su-csv ($n)" "$v2" "su-csv --no-passthrough" "subunit2csv --no-passthrough"
  compare "su-junit python format ($n)" "$v2" "su-junit --format=subunit2junitxml" "subunit2junitxml"
  only_su "su-junit default ($n)" "$v2" "su-junit"
  compare "su-trace ($n)" "$v2" "su-trace" "subunit-trace"
  compare "su-trace -n ($n)" "$v2" "su-trace -n" "subunit-trace -n"
done
