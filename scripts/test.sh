#!/usr/bin/env bash
# `npm test`: installs what the tests need (npm packages; PostgreSQL, MariaDB, sshd and Chromium from
# Debian), then runs the unit and integration tests (vitest) and the browser tests (Playwright,
# against the production build). Ends with one "N passed, N failed" line for all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bash scripts/install-deps.sh || exit 1
bash scripts/ensure-system-deps.sh || exit 1

results=$(mktemp -d /tmp/tidewater-test-XXXXXX)
# The production build first: the API suite (vitest) and the browser tests both serve it.
echo "Building the app (next build)…"
if ! node node_modules/next/dist/bin/next build > "$results/build.log" 2>&1; then
  cat "$results/build.log"
  printf '\nnext build failed, so no test ran\n0 passed, 1 failed\n'
  exit 1
fi
status=0
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" node_modules/.bin/playwright test --reporter=list,json || status=1
node scripts/test-summary.mjs "$results" || status=1
exit $status
