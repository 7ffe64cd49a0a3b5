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
status=0
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1
if node node_modules/next/dist/bin/next build > "$results/build.log" 2>&1; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" node_modules/.bin/playwright test --reporter=list,json || status=1
else
  cat "$results/build.log"
  echo "next build failed: the browser tests did not run"
  status=1
fi
node scripts/test-summary.mjs "$results" || status=1
exit $status
