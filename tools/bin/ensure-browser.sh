#!/usr/bin/env bash
# The playground's browser test drives Debian's Chromium (no browser download); install it once.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium is missing: run 'sudo apt-get install -y chromium' (the playground browser test needs it)" >&2
  exit 1
fi
echo "[setup] installing Debian's chromium for the browser test"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
