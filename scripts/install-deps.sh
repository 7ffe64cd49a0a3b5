#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than package.json / the lockfile, generates
# the Prisma clients, and copies Monaco's files so the editor is served by the app, not a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1

stamp=node_modules/.tidewater-installed
if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing dependencies (npm install)…"
  npm install --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

# npm install runs it too (postinstall); this covers an install that was already up to date.
node scripts/generate-app-files.mjs
