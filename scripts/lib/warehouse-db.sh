# Sourced by backup.sh and restore.sh: finds the warehouse database and the PostgreSQL client tools.
#
# The database is MDW_DB_URL (jdbc:postgresql://host:port/db[?user=..&password=..&sslmode=..]) with MDW_DB_USER and
# MDW_DB_PASSWORD, as for the applications; without MDW_DB_URL, the embedded PostgreSQL under MDW_HOME (default ./var):
# the one running there (a node or the API started it), or else this script starts it on that data directory for the
# time it needs it, with the server binaries the applications extracted (java.io.tmpdir/embedded-pg), on
# MDW_EMBEDDED_PORT (54329) or, when that is taken, the next free port, as the applications do. `warehouse_db create`
# (restore.sh) first creates an empty one when MDW_HOME has none yet (initdb as the applications run it, without the
# migrations: the backup brings the schema).
# Sets: PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD (PGSSLMODE) for the libpq tools, and the tools pg_dump_bin,
# pg_restore_bin, psql_bin (PG_BIN_DIR chooses their directory; else the newest /usr/lib/postgresql/*/bin, else PATH).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
started_embedded=""

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

client_tools() {
  local dir="${PG_BIN_DIR:-}"
  if [ -z "$dir" ]; then
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  fi
  if [ -n "$dir" ] && [ -x "$dir/pg_dump" ]; then
    pg_dump_bin="$dir/pg_dump" pg_restore_bin="$dir/pg_restore" psql_bin="$dir/psql"
  elif command -v pg_dump >/dev/null; then
    pg_dump_bin=pg_dump pg_restore_bin=pg_restore psql_bin=psql
  else
    die "pg_dump not found: install the PostgreSQL client (apt-get install postgresql-client) or set PG_BIN_DIR"
  fi
}

# jdbc:postgresql://host:port/db?k=v&... → PG* variables (only the options libpq knows are kept)
from_jdbc_url() {
  local url="$1" rest query option
  [[ "$url" =~ ^jdbc:postgresql://([^/?]+)/([^/?]+)(\?(.*))?$ ]] || die "MDW_DB_URL must look like jdbc:postgresql://host:5432/database"
  rest="${BASH_REMATCH[1]}" PGDATABASE="${BASH_REMATCH[2]}" query="${BASH_REMATCH[4]}"
  PGHOST="${rest%%:*}"
  PGPORT="5432"
  [[ "$rest" == *:* ]] && PGPORT="${rest##*:}"
  PGUSER="${MDW_DB_USER:-}" PGPASSWORD="${MDW_DB_PASSWORD:-}"
  IFS='&' read -ra options <<<"$query"
  for option in "${options[@]}"; do
    case "$option" in
      user=*) [ -n "$PGUSER" ] || PGUSER="${option#user=}" ;;
      password=*) [ -n "$PGPASSWORD" ] || PGPASSWORD="${option#password=}" ;;
      sslmode=*) export PGSSLMODE="${option#sslmode=}" ;;
    esac
  done
  [ -n "$PGUSER" ] || die "MDW_DB_USER is missing: set it, or add user=... to MDW_DB_URL"
  export PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
}

# The server binaries the applications extracted (zonky's cache under java.io.tmpdir, /tmp unless set otherwise):
# those of the given major version (a data directory's PG_VERSION), else the newest
embedded_bin() { # [major]
  local bin best="" best_version="" version
  for bin in "${TMPDIR:-/tmp}"/embedded-pg/PG-*/bin /tmp/embedded-pg/PG-*/bin; do
    [ -x "$bin/postgres" ] || continue
    version="$("$bin/postgres" -V 2>/dev/null | awk '{print $NF}')"
    if [ -n "${1:-}" ]; then
      if [ "${version%%.*}" = "$1" ]; then echo "$bin"; return; fi
    elif [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best_version" "$version" | sort -V | tail -1)" = "$version" ]; then
      best="$bin" best_version="$version"
    fi
  done
  echo "$best"
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

embedded() { # [create]
  local home="${MDW_HOME:-$root/var}" data pid port bin ns=""
  data="$home/postgres"
  # as root, PostgreSQL refuses to run: like the embedded-postgres library, run it in a user namespace
  if [ "$(id -u)" = 0 ]; then ns="unshare -U"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    [ "${1:-}" = create ] || die "no embedded warehouse in $data (set MDW_HOME, or MDW_DB_URL for an external database)"
    [ -z "$(ls -A "$data" 2>/dev/null)" ] || die "$data is not empty but holds no PostgreSQL data directory: move it away first"
    bin="$(embedded_bin)"
    [ -n "$bin" ] || die "the embedded PostgreSQL's binaries are not unpacked yet (java.io.tmpdir/embedded-pg): run ./mdw once with another MDW_HOME, e.g. MDW_HOME=\$(mktemp -d) ./mdw jobs, then again"
    mkdir -p "$data"
    # as the embedded-postgres library initialises it (EmbeddedWarehouse): trust, superuser postgres, UTF-8
    $ns "$bin/initdb" -A trust -U postgres -E UTF-8 -D "$data" >>"$home/postgres.log" 2>&1 \
      || die "could not create an embedded warehouse in $data; see $home/postgres.log"
    echo "created an empty embedded warehouse in $data" >&2
  fi
  if [ -f "$data/postmaster.pid" ] && kill -0 "$(head -1 "$data/postmaster.pid")" 2>/dev/null; then
    port="$(sed -n 4p "$data/postmaster.pid")"
  else
    bin="$(embedded_bin "$(cat "$data/PG_VERSION")")"
    [ -n "$bin" ] || die "the embedded PostgreSQL in $data is not running: start ./mdw node (or ./mdw up) first"
    port="${MDW_EMBEDDED_PORT:-54329}"
    while port_taken "$port"; do port=$((port + 1)); done
    $ns "$bin/pg_ctl" -D "$data" -o "-p $port" -l "$home/postgres.log" -w start >/dev/null \
      || die "could not start the embedded PostgreSQL in $data; see $home/postgres.log"
    started_embedded="$ns $bin/pg_ctl"
    trap 'stop_embedded' EXIT
  fi
  export PGHOST=localhost PGPORT="$port" PGDATABASE=postgres PGUSER=postgres PGPASSWORD=""
}

stop_embedded() {
  if [ -n "$started_embedded" ]; then
    $started_embedded -D "${MDW_HOME:-$root/var}/postgres" -m fast -w stop >/dev/null || true
  fi
}

warehouse_db() { # [create]: restore.sh's, an empty embedded warehouse when MDW_HOME has none
  client_tools
  if [ -n "${MDW_DB_URL:-}" ]; then from_jdbc_url "$MDW_DB_URL"; else embedded "${1:-}"; fi
}
