#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests and benchmarks, and
# prints the shell lines that point them at it:
#
#     eval "$(tests/pg/start-server.sh)"     # sets SU_TEST_PG and SU_TEST_PG_DIR
#     ...
#     tests/pg/stop-server.sh "$SU_TEST_PG_DIR"
#
# The cluster lives in a new temporary directory (or $1), owned by the
# `postgres` user when run as root (initdb refuses root), and listens only
# on a Unix socket in that directory: no port, so concurrent clusters never
# collide. It has a role `sutest` (allowed to create databases and roles, so each
# test can make its own) and a database `sutest`. SU_TEST_PG is a libpq
# URI for it. Exits non-zero, saying why on stderr, if it cannot.
set -euo pipefail
bin=${PG_BIN:-}
if [ -z "$bin" ]; then
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bin=$d; done
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "start-server.sh: no PostgreSQL server binaries (apt-get install postgresql)" >&2
  exit 1
fi
dir=${1:-$(mktemp -d /tmp/su-pg.XXXXXX)}
mkdir -p "$dir"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  chmod 711 "$dir"  # others reach the socket, not the files
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 \
  --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# Speed over durability: the cluster is thrown away after the tests.
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >&2 || { cat "$dir/server.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/psql" -h "$dir" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE sutest LOGIN CREATEDB CREATEROLE" -c "CREATE DATABASE sutest OWNER sutest" >&2
echo "export SU_TEST_PG_DIR='$dir'"
echo "export SU_TEST_PG='postgresql://sutest@/sutest?host=$dir'"
