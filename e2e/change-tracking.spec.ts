import { expect, test, type Page } from "@playwright/test";
import type { Receiver } from "../test/support/receiver";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, createSync, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";

const servers = useSourceDbAndReceiver(async (db) => {
  await db.query(`
    create table tracked_people (id text primary key, email text);
    insert into tracked_people values ('p-1', 'ada@example.com'), ('p-2', 'grace@example.com'), ('p-3', 'linus@example.com');
  `);
});

const sentIds = (receiver: Receiver) => receiver.requests.map((request) => (request.json as { batch: { userId: string }[] }).batch.map((call) => call.userId));

async function runNow(page: Page, name: string) {
  await page.getByTestId("sync-row").filter({ hasText: name }).getByRole("button", { name: "Run now" }).click();
  await expect(page.getByRole("status")).toContainText("started");
}

test("change tracking: only new and changed rows are sent; Reset sends every row again", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Tracking dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  await addPostgresSourceWithDatabase(page, db, unique("Tracking source"));
  const name = unique("Tracked people");
  await createSync(page, { name, frequency: "Daily", destination, query: `SELECT id AS "userId", email FROM tracked_people ORDER BY id` });
  await expect.poll(() => sentIds(receiver).length, { timeout: 30_000 }).toBe(1); // the first run, at start

  // Edit: turn on change tracking by the userId column.
  await page.getByTestId("sync-row").filter({ hasText: name }).getByRole("link", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await page.getByTestId("change-tracking").getByRole("checkbox").check();
  await page.getByLabel("Identifier columns").fill("userId");
  await page.screenshot({ path: "e2e/screenshots/change-tracking.png", fullPage: true });
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByRole("button", { name: "Save sync" }).click();
  await expect(page.getByTestId("sync-row").filter({ hasText: name })).toBeVisible();

  // The first tracked run knows nothing yet: every row is new.
  await runNow(page, name);
  await expect.poll(() => sentIds(receiver).length, { timeout: 30_000 }).toBe(2);
  expect(sentIds(receiver)[1]).toEqual(["p-1", "p-2", "p-3"]);

  // Nothing changed: the run sends nothing.
  await page.waitForTimeout(1_500);
  await runNow(page, name);
  await page.waitForTimeout(3_000);
  expect(sentIds(receiver)).toHaveLength(2);

  // One row changes: only it is sent.
  await db.query(`update tracked_people set email = 'grace@example.org' where id = 'p-2'`);
  await runNow(page, name);
  await expect.poll(() => sentIds(receiver).length, { timeout: 30_000 }).toBe(3);
  expect(sentIds(receiver)[2]).toEqual(["p-2"]);
  // Imports says what became of the rows that were not sent.
  await page.getByRole("link", { name: "Imports" }).click();
  await expect(page.getByTestId("import-row").first()).toContainText("2 unchanged, not sent", { timeout: 15_000 });
  await page.screenshot({ path: "e2e/screenshots/imports-unchanged.png", fullPage: true });
  await page.goBack();

  // Reset forgets what was sent: the next run sends every row again.
  await page.waitForTimeout(1_500);
  await page.getByTestId("sync-row").filter({ hasText: name }).getByRole("link", { name: "Edit" }).click();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Reset change tracking" }).click();
  await expect(page.getByText("Change tracking was reset")).toBeVisible();
  await page.goBack();
  await runNow(page, name);
  await expect.poll(() => sentIds(receiver).length, { timeout: 30_000 }).toBe(4);
  expect(sentIds(receiver)[3]).toEqual(["p-1", "p-2", "p-3"]);
});
