#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS cluster for the tests and benchmarks: it listens only on
# a Unix socket in DIR, trusts local connections, and holds one database, "vigil", with the
# postgis extension.
#
#   scripts/postgres.sh start DIR [PORT]   initdb (first time) and start; prints the URI
#   scripts/postgres.sh stop DIR           stop it (the files stay in DIR)
#
# As root, the server runs as the postgres user (PostgreSQL refuses to run as root). fsync is
# off unless PG_FSYNC=on (benchmarks that compare durability with SQLite set it).
set -euo pipefail
action=${1:?usage: postgres.sh start|stop DIR [PORT]}
dir=$(realpath -m "${2:?usage: postgres.sh start|stop DIR [PORT]}")
port=${3:-54330}
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/initdb" ] || { echo "postgres.sh: missing PostgreSQL 15: run scripts/install-deps.sh" >&2; exit 1; }

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
      runuser -u postgres -- test -w "$dir" ||
        { echo "postgres.sh: the postgres user cannot reach $dir (a parent directory is closed to it)" >&2; exit 1; }
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_server_user "$pgbin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_server_user "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -p $port -c listen_addresses='' -c fsync=${PG_FSYNC:-off} -c max_connections=200" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    psql_run() { psql -h "$dir" -p "$port" -U postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
    if [ -z "$(psql_run -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'vigil'")" ]; then
      psql_run -d postgres -c "CREATE DATABASE vigil"
      psql_run -d vigil -c "CREATE EXTENSION postgis"
    fi
    echo "postgresql:///vigil?host=$dir&port=$port&user=postgres"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && as_server_user "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: postgres.sh start|stop DIR [PORT]" >&2; exit 2 ;;
esac
