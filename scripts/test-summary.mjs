// Adds up vitest's and Playwright's JSON reports into one closing line: "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const read = (name) => (existsSync(path.join(dir, name)) ? JSON.parse(readFileSync(path.join(dir, name), "utf8")) : null);
let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = read("vitest.json");
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + filesFailedWithoutATest(vitest);
  skipped += vitest.numPendingTests + vitest.numTodoTests;
} else failed += 1;

const playwright = read("playwright.json");
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
} else failed += 1;

// A test file that failed before any test could (a syntax error, a failing beforeAll) counts once;
// files whose tests failed are already counted test by test.
function filesFailedWithoutATest(report) {
  return report.testResults.filter((file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed")).length;
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
