#!/usr/bin/env bash
# Mutation testing of libs/rules one folder at a time (each part has its own incremental file, so a
# part re-runs only what changed), then the TypeScript check of the mutants and the per-part table.
#   bash tools/stryker/rules-by-folder.sh [part ...]     (default: every part; `root` = src/*.ts;
#   a part may be one file, e.g. determination/cycle: see libs/rules/stryker.config.mjs)
#   STRYKER_CONCURRENCY=1 bash tools/stryker/rules-by-folder.sh ...   fewer test runners on a busy machine
# Logs: test-output/stryker/rules/<part>/run.log ('-' for '/'). Table: test-output/stryker/rules/score.md
set -u
cd "$(dirname "$0")/../.."
parts=("$@")
if [ ${#parts[@]} -eq 0 ]; then
  parts=(root assessment parties rule-sets ssc distribution scheduling what-if default calendar impact determination)
fi
status=0
for part in "${parts[@]}"; do
  dir="test-output/stryker/rules/${part//\//-}"
  mkdir -p "$dir"
  echo "$(date -u +%H:%M:%S) $part"
  if ! STRYKER_PART="$part" npx stryker run libs/rules/stryker.config.mjs ${STRYKER_CONCURRENCY:+--concurrency "$STRYKER_CONCURRENCY"} > "$dir/run.log" 2>&1; then
    echo "  failed: see $dir/run.log"
    status=1
  fi
  grep -E '^All files' "$dir/run.log" || true
done
node tools/stryker/score.mjs libs/rules || status=1
exit $status
