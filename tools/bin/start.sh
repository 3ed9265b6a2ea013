#!/usr/bin/env bash
# Starts the whole system: PostgreSQL, Kafka, the four subgraphs and the gateway, with demo data.
# Ctrl-C stops everything this command started, and nothing else.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/bin/ensure-deps.sh
# Local development: public development secrets, loopback only (see README, "Configuration").
export SEC_ASSURE_DEV=true
# The workspace's path aliases (@sec-assure/*) for tsx, here and in the services it starts.
export TSX_TSCONFIG_PATH="$PWD/tsconfig.base.json"
exec node_modules/.bin/tsx tools/dev/up.ts "$@"
