#!/usr/bin/env bash
# Starts the local PostgreSQL 15 cluster the persistence and cluster tests use, and prints the connection
# string to stdout. Idempotent. Installs PostgreSQL from Debian's packages when missing (root only).
set -euo pipefail
PASSWORD=${V2G_PG_PASSWORD:-postgres}
log() { echo "[postgres] $*" >&2; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    log "PostgreSQL not installed; installing postgresql-15 from Debian's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15) >&2
  else
    log "PostgreSQL is not installed and this is not root; install postgresql-15 or set V2G_TEST_POSTGRES"; exit 1
  fi
fi

cluster=$(pg_lsclusters --no-header | awk '{print $1" "$2" "$4; exit}')
ver=$(echo "$cluster" | cut -d' ' -f1); name=$(echo "$cluster" | cut -d' ' -f2); status=$(echo "$cluster" | cut -d' ' -f3)
if [ -z "$ver" ]; then
  log "no cluster found; creating 15/main"; pg_createcluster 15 main >&2; ver=15; name=main; status=down
fi
if [ "$status" != "online" ]; then
  log "starting cluster $ver/$name"
  pg_ctlcluster "$ver" "$name" start >&2
fi
for _ in $(seq 1 30); do
  if su postgres -c "psql -qAt -c 'select 1'" >/dev/null 2>&1; then break; fi; sleep 1
done
su postgres -c "psql -qAt -c \"ALTER USER postgres PASSWORD '$PASSWORD'\"" >/dev/null
# Cluster tests start several nodes at once, each with its own connection pool.
port=$(pg_lsclusters --no-header | awk -v v="$ver" -v n="$name" '$1==v && $2==n {print $3}')
echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$PASSWORD;Database=postgres"
