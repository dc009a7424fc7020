#!/usr/bin/env bash
# Runs the CLI cases that need a PostgreSQL server (tests/cli/run.sh DIR)
# when $SU_TEST_PG names one. Without it the cases fail under CI (where
# tests/run-all.sh starts a server, so a missing one is a fault) and are
# skipped elsewhere, saying so (exit 77 is meson's "skipped").
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${SU_TEST_PG:-}" ]; then
  if [ -n "${CI:-}" ]; then
    echo "FAIL: SU_TEST_PG is not set, so there is no PostgreSQL server to test against" >&2
    exit 1
  fi
  echo "SKIP: SU_TEST_PG is not set; eval \"\$(tests/pg/start-server.sh)\" to run these tests" >&2
  exit 77
fi
if ! psql "$SU_TEST_PG" -qXAt -c 'SELECT 1' >/dev/null 2>&1; then
  echo "FAIL: cannot reach the PostgreSQL server at $SU_TEST_PG" >&2
  exit 1
fi
exec bash "$here/../cli/run.sh" "$@"
