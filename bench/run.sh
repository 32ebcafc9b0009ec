#!/usr/bin/env bash
# End-to-end account-view benchmark on one backend: bash bench/run.sh sqlite|postgres
# Tunables: INSTITUTIONS (10000), CLIENTS (8), REQUESTS (2000), PORT (8790).
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:?usage: bench/run.sh sqlite|postgres}"
institutions="${INSTITUTIONS:-10000}"
port="${PORT:-8790}"
workdir="$(mktemp -d)"
server_pid=""
pg_name=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$pg_name" ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" postgres || true
  rm -rf "$workdir"
}
trap cleanup EXIT

case "$backend" in
  sqlite) export HUB_DATABASE_URL="sqlite+aiosqlite:///$workdir/bench.db" ;;
  postgres)
    pg_name="hub_bench_$RANDOM$RANDOM"
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $pg_name" postgres
    export HUB_DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:5432/$pg_name" ;;
  *) echo "unknown backend $backend" >&2; exit 2 ;;
esac

.venv/bin/python bench/generate.py --institutions "$institutions"
# A steward reads every part of the account view (a CRM key may not see devices).
key="$(.venv/bin/hub keys create --name bench --role steward | tail -n 1)"
HUB_LOG_LEVEL="${HUB_LOG_LEVEL:-WARNING}" .venv/bin/hub serve --port "$port" > "$workdir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && break
  sleep 0.2
done
.venv/bin/python bench/account_view.py --url "http://127.0.0.1:$port/graphql" --key "$key" \
  --clients "${CLIENTS:-8}" --requests "${REQUESTS:-2000}" --institutions "$institutions"
if grep -q sql_statements "$workdir/server.log"; then
  echo "last request log line:"; grep sql_statements "$workdir/server.log" | tail -n 1
fi
