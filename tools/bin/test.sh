#!/usr/bin/env bash
# Runs every check and test: static checks, unit tests, and integration tests against a real
# PostgreSQL and a real Kafka broker, which it starts (and stops again) on its own port.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI="${CI:-true}"
export TSX_TSCONFIG_PATH="$PWD/tsconfig.base.json"
# The tests run throwaway services on loopback with the public development secrets.
export SEC_ASSURE_DEV=true
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=4096"

step() { printf '\n== %s\n' "$*"; }

step "dependencies"
bash tools/bin/ensure-deps.sh
bash tools/bin/ensure-browser.sh

step "PostgreSQL"
bash tools/infra/postgres.sh ensure

step "Kafka (test broker)"
export KAFKA_PORT="${TEST_KAFKA_PORT:-39092}"
export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT}"
started_kafka=false
if ! bash tools/kafka/kafka.sh status >/dev/null 2>&1; then
  # A port held by another process (a listener the system gave out, another run's broker) moves
  # the test broker to free ones rather than failing the run.
  port="$(npx tsx -e "require('./libs/events/src/testing').freePortRun(${KAFKA_PORT}, 2).then(console.log)")"
  if [ "$port" != "$KAFKA_PORT" ]; then
    echo "port ${KAFKA_PORT} or $((KAFKA_PORT + 1)) is held by another process; the test broker uses ${port}"
    export KAFKA_PORT="$port" KAFKA_BROKERS="127.0.0.1:${port}"
  fi
  bash tools/kafka/kafka.sh start
  started_kafka=true
fi
cleanup() { if [ "$started_kafka" = true ]; then bash tools/kafka/kafka.sh stop || true; started_kafka=false; fi; }
trap cleanup EXIT

# Every check is an Nx target (inputs declared in nx.json, so a second run replays unchanged ones
# from the cache): resolver types, the committed supergraph, API schema and event schemas not stale,
# the API schema against ../shared/contract/, lint (project boundaries included) and strict types.
step "generated code, schemas, contract, lint, types"
npx nx run-many -t codegen compose-check api-schema-check contract-check schemas-check lint typecheck --output-style=stream-without-prefixes

step "tests"
mkdir -p test-output
set +e
npx jest -c tools/jest/jest.config.js --json --outputFile=test-output/jest.json "$@"
status=$?
set -e
# Stop what this command started before the closing line, so that line is the last one printed.
cleanup
trap - EXIT
node tools/jest/summary.js test-output/jest.json
exit $status
