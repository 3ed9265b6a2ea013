#!/usr/bin/env bash
# Make sure the local PostgreSQL answers before services or tests need it.
#
#   tools/infra/postgres.sh ensure
#
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PG_ENSURE_TIMEOUT seconds (30).
set -euo pipefail

HOST="${PGHOST:-127.0.0.1}"
PORT="${PGPORT:-5432}"
TIMEOUT="${PG_ENSURE_TIMEOUT:-30}"

say() { printf '[postgres:%s] %s\n' "$PORT" "$*"; }
fail() { printf '[postgres:%s] ERROR: %s\n' "$PORT" "$*" >&2; exit 1; }

answers() { pg_isready -q -h "$HOST" -p "$PORT" -t 2; }

# The Debian cluster whose configured port is $PORT (there may be several versions installed).
cluster_for_port() {
  local conf version
  for conf in /etc/postgresql/*/*/postgresql.conf; do
    [[ -f "$conf" ]] || continue
    if grep -Eq "^[[:space:]]*port[[:space:]]*=[[:space:]]*$PORT\b" "$conf"; then
      version="$(basename "$(dirname "$(dirname "$conf")")")"
      echo "$version $(basename "$(dirname "$conf")")"
      return 0
    fi
  done
  return 1
}

cmd_ensure() {
  command -v pg_isready >/dev/null 2>&1 || fail "pg_isready not found (install the PostgreSQL client tools)"
  if answers; then
    say "accepting connections on $HOST:$PORT"
    return 0
  fi
  command -v pg_ctlcluster >/dev/null 2>&1 ||
    fail "nothing answers on $HOST:$PORT and pg_ctlcluster is not available to start a local cluster"
  local cluster
  cluster="$(cluster_for_port)" || fail "nothing answers on $HOST:$PORT and no cluster in /etc/postgresql is configured for port $PORT"
  say "not answering; starting cluster $cluster"
  local out
  # shellcheck disable=SC2086
  if ! out="$(pg_ctlcluster --skip-systemctl-redirect $cluster start 2>&1)"; then
    printf '%s\n' "$out" >&2
    fail "pg_ctlcluster $cluster start failed (output above)"
  fi
  local waited=0
  until answers; do
    ((waited >= TIMEOUT)) && fail "cluster $cluster started but $HOST:$PORT does not answer after ${TIMEOUT}s"
    sleep 1
    waited=$((waited + 1))
  done
  say "accepting connections on $HOST:$PORT"
}

case "${1:-}" in
  ensure) cmd_ensure ;;
  *)
    echo "usage: $0 ensure" >&2
    exit 64
    ;;
esac
