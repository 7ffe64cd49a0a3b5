import { expect, test } from "@playwright/test";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, createSync, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { ADMIN, signIn } from "./support/session";

const servers = useSourceDbAndReceiver((db) => db.query(`create table waiting (id text); insert into waiting values ('u-1'), ('u-2');`));

test("Cancel run: offered on the Syncs tab, asked first on Imports, and the run stops as cancelled", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Cancel dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  const source = unique("Cancel source");
  await addPostgresSourceWithDatabase(page, db, source);
  const name = unique("Endless");
  // The query waits two minutes in the database: the run is going until it is cancelled.
  await createSync(page, { name, destination, query: `WITH wait AS (SELECT pg_sleep(120))\nSELECT w.id AS "userId" FROM waiting w, wait` });

  // Started now, so it runs on its own; while it runs the Syncs tab offers Cancel run beside Run now.
  const syncRow = page.getByTestId("sync-row").filter({ hasText: name });
  await expect(syncRow.getByRole("button", { name: "Cancel run" })).toBeVisible({ timeout: 30_000 });
  await expect(syncRow.getByRole("button", { name: "Run now" })).toBeDisabled();

  await page.getByRole("link", { name: "Imports" }).click();
  const run = page.getByTestId("import-row").filter({ hasText: name }).first();
  await expect(run).toContainText("running");
  await page.screenshot({ path: "e2e/screenshots/cancel-run.png", fullPage: true });

  // Dismissing the question leaves the run going.
  page.once("dialog", (dialog) => dialog.dismiss());
  await run.getByRole("button", { name: "Cancel run" }).click();
  await expect(run).toContainText("running");

  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(`Cancel this run of "${name}"?`);
    void dialog.accept();
  });
  const clicked = Date.now();
  await run.getByRole("button", { name: "Cancel run" }).click();
  await expect(run.locator(".badge")).toHaveText(/^cancelled$/, { timeout: 5_000 });
  expect(Date.now() - clicked).toBeLessThan(5_000);
  // The admin made from TIDEWATER_ADMIN_EMAIL has no name, so records name them by their email.
  await expect(run).toContainText(`Cancelled: cancelled by ${ADMIN.email}.`);
  await expect(run.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/run-cancelled.png", fullPage: true });
  expect(receiver.requests).toHaveLength(0);

  // Run now again, and cancel this one from the run's own page.
  await page.getByRole("link", { name: "Syncs" }).click();
  await syncRow.getByRole("button", { name: "Run now" }).click();
  await page.getByRole("link", { name: "Imports" }).click();
  const second = page.getByTestId("import-row").filter({ hasText: name }).first();
  await expect(second).toContainText("running");
  await second.getByRole("link", { name: "View" }).click();
  const stats = page.getByTestId("run-stats");
  await expect(stats).toContainText("running");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(stats.locator(".badge")).toHaveText(/^cancelled$/, { timeout: 5_000 });
  await expect(page.getByText(`Cancelled: cancelled by ${ADMIN.email}.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  expect(receiver.requests).toHaveLength(0);
});
