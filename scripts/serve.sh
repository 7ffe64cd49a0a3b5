#!/usr/bin/env bash
# `npm run serve`: the web process of an install already built with `npm ci && npm run build`. Migrates
# first — when several processes start together, lib/migrate.ts lets one apply the migrations while
# the others wait — then `next start` (PORT or -p, default 3000; other next start options pass through).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:${PORT:-3000}}"
# Next.js then leaves SIGTERM to instrumentation.ts: running batches get time to finish.
export NEXT_MANUAL_SIG_HANDLE=true
node_modules/.bin/tsx scripts/migrate.ts
exec node node_modules/next/dist/bin/next start "$@"
