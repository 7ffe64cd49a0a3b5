#!/usr/bin/env bash
# Serves the production build for the browser tests on port $1 with a fresh app database.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TIDEWATER_ALLOW_PRIVATE_DESTINATIONS=1
export TIDEWATER_DATA_DIR="${E2E_DATA_DIR:-$(mktemp -d /tmp/tidewater-e2e-XXXXXX)}"
unset DATABASE_URL
export NEXTAUTH_URL="http://127.0.0.1:$1" NEXT_MANUAL_SIG_HANDLE=true
node_modules/.bin/tsx scripts/migrate.ts
node_modules/.bin/tsx scripts/seed.ts
exec node node_modules/next/dist/bin/next start -p "$1" -H 127.0.0.1
