#!/usr/bin/env bash
# Starts the whole system: PostgreSQL, Kafka, the four subgraphs and the gateway, with demo data.
# Ctrl-C stops everything this command started, and nothing else.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/bin/ensure-deps.sh
# Local development: public development secrets, loopback only (see README, "Configuration").
export SEC_ASSURE_DEV=true
exec node_modules/.bin/tsx tools/dev/up.ts "$@"
