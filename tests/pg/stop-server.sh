#!/usr/bin/env bash
# Stops the cluster tests/pg/start-server.sh started in DIR (default
# $SU_TEST_PG_DIR) and removes DIR.
set -u
dir=${1:-${SU_TEST_PG_DIR:-}}
[ -n "$dir" ] && [ -d "$dir/data" ] || exit 0
bin=${PG_BIN:-}
if [ -z "$bin" ]; then
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && bin=$d; done
fi
as_owner=()
[ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -s stop >/dev/null 2>&1
rm -rf "$dir"
