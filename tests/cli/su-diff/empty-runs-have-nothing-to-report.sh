empty="$CORPUS/v2-empty/input.v2"
run su-diff "$empty" "$empty"
expect_status 0
expect_stdout "$(printf 'summary:\n  old %s: 0 tests, 0 failing, time unknown\n  new %s: 0 tests, 0 failing, time unknown\n  0 new failures, 0 fixed, 0 still failing, 0 added, 0 removed, 0 status changes, 0 slower, 0 faster, 0 flaky' "'$empty'" "'$empty'")"
run su-diff --format=ids --section=removed "$empty" "$CORPUS/real-stestr-run-2/input.v1"
expect_stdout_empty
run su-diff --format=json "$CORPUS/real-stestr-run-2/input.v1" "$empty"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["counts"]["removed"] == 200' "$TMP/out" || fail "json wrong"
