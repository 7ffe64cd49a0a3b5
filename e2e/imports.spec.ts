import { readFile } from "node:fs/promises";
import { expect, request, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, createSync, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";

const servers = useSourceDbAndReceiver(async (db) => {
  await db.query(`
    create table messy (n int, id text, email text, note text);
    insert into messy values
      (1, 'u-1', 'ok@example.com', 'fine'),
      (2, null, 'comma@example.com', 'has, a comma'),
      (3, null, 'quote@example.com', 'says "hello"'),
      (4, null, 'lines@example.com', E'two\nlines, and "quotes"');
  `);
});

test("Imports: live progress, counts per run, the run's errors and the errors CSV", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Imports dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  const source = unique("Imports source");
  await addPostgresSourceWithDatabase(page, db, source);
  const name = unique("Messy rows");
  // The query waits a few seconds before returning rows, so the run is seen in progress.
  await createSync(page, {
    name,
    destination,
    query: `WITH wait AS (SELECT pg_sleep(5))\nSELECT m.id AS "userId", m.email, m.note\nFROM messy m, wait\nORDER BY m.n`,
  });

  await page.getByRole("link", { name: "Imports" }).click();
  const run = page.getByTestId("import-row").filter({ hasText: name }).first();
  // Live: the row appears running with a progress bar, then finishes without a reload.
  await expect(run).toContainText("running", { timeout: 20_000 });
  await expect(run.getByRole("progressbar")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/imports-running.png", fullPage: true });
  await expect(run).toContainText("succeeded", { timeout: 30_000 });
  const cells = run.getByRole("cell");
  await expect(cells.nth(4)).toHaveText("4");
  await expect(cells.nth(5)).toHaveText("1");
  await expect(cells.nth(6)).toHaveText("3");
  await page.screenshot({ path: "e2e/screenshots/imports.png", fullPage: true });

  // The run page lists each failed row and its reason.
  await run.getByRole("link", { name: "View" }).click();
  const errors = page.getByTestId("run-errors");
  await expect(errors.locator("tbody tr")).toHaveCount(3);
  await expect(errors).toContainText("comma@example.com");
  const reason = (await errors.locator("tbody tr").first().locator("td").nth(1).innerText()).trim();
  expect(reason).toMatch(/userId|anonymousId/);
  await page.screenshot({ path: "e2e/screenshots/run-errors.png", fullPage: true });

  // Download errors: one CSV line per failed row; commas, quotes and newlines survive the round trip.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download errors" }).click()]);
  expect(download.suggestedFilename()).toMatch(/errors\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(parse(csv)).toEqual([
    ["row", "reason", "userId", "email", "note"],
    ["2", reason, "", "comma@example.com", "has, a comma"],
    ["3", reason, "", "quote@example.com", 'says "hello"'],
    ["4", reason, "", "lines@example.com", 'two\nlines, and "quotes"'],
  ]);

  // The good row reached the destination.
  const calls = receiver.requests.flatMap((request) => (request.json as { batch: { userId: string }[] }).batch);
  expect(calls.map((call) => call.userId)).toEqual(["u-1"]);

  // The download is session-checked: without a session it is refused.
  const anonymous = await request.newContext();
  expect((await anonymous.get(`${page.url()}/errors.csv`)).status()).toBe(401);
  await anonymous.dispose();
});
