#!/usr/bin/env bash
# Serves the production build for the browser tests on port $1 with a fresh app database.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
unset TIDEWATER_ALLOW_PRIVATE_DESTINATIONS
export TIDEWATER_DATA_DIR="${E2E_DATA_DIR:-$(mktemp -d /tmp/tidewater-e2e-XXXXXX)}"
unset DATABASE_URL
export NEXTAUTH_URL="http://127.0.0.1:$1" NEXT_MANUAL_SIG_HANDLE=true
# The admin of e2e/support/session.ts, made at start (first-admin setup needs the code printed on
# the console, which the browser tests cannot read; test/api/front-door.test.ts covers that path).
export TIDEWATER_ADMIN_EMAIL="admin@example.com" TIDEWATER_ADMIN_PASSWORD="correct horse battery"
node_modules/.bin/tsx scripts/migrate.ts
node_modules/.bin/tsx scripts/seed.ts
node_modules/.bin/tsx e2e/support/allow-private-destinations.ts
exec node node_modules/next/dist/bin/next start -p "$1" -H 127.0.0.1
