#!/usr/bin/env bash
# su-json, su-tags and su-cat against their nearest python counterparts on
# the 100k-test stream (issue 6): su-json vs subunit2csv and subunit-ls,
# su-tags vs subunit-tags; su-cat has no python tool, so it is shown next to
# cat(1) in MB/s. Usage: SU_BUILD=build-x bench/bench-streams.sh [N...]
source "$(dirname "$0")/lib.sh"
need subunit-tags "apt-get install python3-subunit"
sizes=${*:-100000}
for n in $sizes; do
  v2=$(stream "$n" v2)
  echo "== $n tests"
  compare "su-json vs subunit2csv ($n)" "$v2" "su-json" "subunit2csv --no-passthrough"
  compare "su-json vs subunit-ls ($n)" "$v2" "su-json" "subunit-ls --no-passthrough"
  compare "su-json --attachments ($n)" "$v2" "su-json --attachments" "subunit2csv --no-passthrough"
  compare "su-tags add+remove ($n)" "$v2" "su-tags extra -worker-0" "subunit-tags extra -worker-0"
  compare "su-tags, nothing changes ($n)" "$v2" "su-tags -absent" "subunit-tags -absent"
  only_su "su-cat, one input ($n)" "$v2" "su-cat"
  only_su "su-cat --route-prefix ($n)" "$v2" "su-cat --route-prefix"
  only_su "su-cat zstd input ($n)" "$(stream "$n" zst)" "su-cat"
  only_su "cat (the floor) ($n)" "$v2" "cat"
done
