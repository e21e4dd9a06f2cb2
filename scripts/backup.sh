#!/usr/bin/env bash
# Backs up the warehouse (every table: bars, features, rejects, quality, symbols, API keys, Spring Batch's and
# Quartz's state) with pg_dump in its custom format, compressed; restore it with scripts/restore.sh.
#
# Usage: scripts/backup.sh [FILE]        (default: backups/mdw-<UTC time>.dump)
# The database: MDW_DB_URL / MDW_DB_USER / MDW_DB_PASSWORD, else the embedded one under MDW_HOME (./var); see
# scripts/lib/warehouse-db.sh. pg_dump must be at least the server's major version (PG_BIN_DIR picks one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/warehouse-db.sh"

file="${1:-$root/backups/mdw-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
warehouse_db
"$pg_dump_bin" --format=custom --compress=6 --no-owner --file="$file"
tables="$("$pg_restore_bin" --list "$file" | grep -c ' TABLE DATA ' || true)"
echo "backed up $PGDATABASE on $PGHOST:$PGPORT to $file ($(du -h "$file" | cut -f1), $tables tables)"
