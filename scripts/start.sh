#!/usr/bin/env bash
# `npm start`: install what is missing, migrate, seed the offline demo, build, serve on $PORT (3000).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:${PORT:-3000}}"
export NEXT_MANUAL_SIG_HANDLE=true
bash scripts/install-deps.sh
node_modules/.bin/tsx scripts/migrate.ts
node_modules/.bin/tsx scripts/seed.ts

# Build only when the sources changed since the last build.
hash=$( (git ls-files -z 2>/dev/null | xargs -0 sha1sum 2>/dev/null; git diff 2>/dev/null) | sha1sum | cut -d' ' -f1)
if [ ! -f .next/BUILD_ID ] || [ "$(cat .next/tidewater-build-hash 2>/dev/null)" != "$hash" ]; then
  node node_modules/next/dist/bin/next build
  echo "$hash" > .next/tidewater-build-hash
fi
echo "Starting Tidewater on port ${PORT:-3000}…"
exec node node_modules/next/dist/bin/next start -p "${PORT:-3000}"
