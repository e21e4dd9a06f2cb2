#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the warehouse database.
#
# Usage: scripts/restore.sh [--clean] FILE
#   into an empty database (or a new MDW_HOME, whose embedded warehouse it creates); or, with --clean, into one that
#   already has the warehouse (its objects are dropped and recreated from the backup: stop the batch nodes and the API
#   first, or their connections block the drops).
# The database: MDW_DB_URL / MDW_DB_USER / MDW_DB_PASSWORD, else the embedded one under MDW_HOME (./var); see
# scripts/lib/warehouse-db.sh. A TimescaleDB backup is restored as Timescale prescribes: the extension created first,
# timescaledb_pre_restore() before and timescaledb_post_restore() after.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/warehouse-db.sh"

clean=()
if [ "${1:-}" = --clean ]; then clean=(--clean --if-exists); shift; fi
[ $# = 1 ] || die "usage: scripts/restore.sh [--clean] FILE"
file="$1"
[ -f "$file" ] || die "no such backup: $file"
# before anything is created: a file pg_restore cannot read is not a backup
client_tools
"$pg_restore_bin" --list "$file" >/dev/null 2>&1 || die "$file is not a backup made by scripts/backup.sh (pg_restore cannot read it)"
warehouse_db create

if [ ${#clean[@]} = 0 ] && [ "$("$psql_bin" -XAtc "SELECT count(*) FROM pg_tables WHERE tablename = 'bars'")" != 0 ]; then
  die "$PGDATABASE on $PGHOST:$PGPORT already has a warehouse: restore into an empty database, or pass --clean to replace it"
fi

list="$(mktemp)"
trap 'rm -f "$list"; stop_embedded' EXIT
if "$pg_restore_bin" --list "$file" | grep -q ' EXTENSION - timescaledb'; then
  "$pg_restore_bin" --list "$file" | grep -v -E ' (EXTENSION|COMMENT) - (EXTENSION )?timescaledb' >"$list"
  "$psql_bin" -X -v ON_ERROR_STOP=1 -qc "CREATE EXTENSION IF NOT EXISTS timescaledb" -c "SELECT timescaledb_pre_restore()" >/dev/null
  "$pg_restore_bin" --exit-on-error --no-owner "${clean[@]}" --use-list="$list" --dbname="$PGDATABASE" "$file"
  "$psql_bin" -X -v ON_ERROR_STOP=1 -qc "SELECT timescaledb_post_restore()" >/dev/null
else
  "$pg_restore_bin" --exit-on-error --no-owner "${clean[@]}" --dbname="$PGDATABASE" "$file"
fi
# a restored embedded warehouse holds its own data: ./mdw up must not load the bundled sample into it as a first start
[ -n "${MDW_DB_URL:-}" ] || touch "${MDW_HOME:-$root/var}/.sample-loaded"
echo "restored $file into $PGDATABASE on $PGHOST:$PGPORT"
