import { expect, test } from "@playwright/test";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, createSync, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";
import { seedCustomers } from "./support/source-db";

const servers = useSourceDbAndReceiver(async (db) => {
  await seedCustomers(db);
  await db.query(`
    create table orders (user_id text, amount numeric, placed_at timestamptz default now());
    insert into orders values ('u-1', 42.5), ('u-2', 7);
  `);
});

test("Data In: the calls syncs produced, newest first, filtered by sync and type, each expandable to its JSON", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Data In dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  const source = unique("Data In source");
  await addPostgresSourceWithDatabase(page, db, source);
  const identify = unique("People");
  await createSync(page, { name: identify, destination, query: `SELECT id AS "userId", email FROM customers WHERE id IS NOT NULL ORDER BY id` });
  await page.getByRole("link", { name: "Add sync" }).click();
  const track = unique("Orders");
  await createSync(page, {
    name: track,
    type: "track",
    destination,
    query: `SELECT user_id AS "userId", 'Order Placed' AS event, amount FROM orders ORDER BY user_id`,
  });
  for (const sync of [identify, track]) {
    await expect(page.getByTestId("sync-row").filter({ hasText: sync })).toContainText("succeeded", { timeout: 30_000 });
  }
  // Both first runs start together; running the identify sync again makes its calls the newest.
  await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(2);
  await page.getByTestId("sync-row").filter({ hasText: identify }).getByRole("button", { name: "Run now" }).click();
  await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(3);

  await page.getByRole("link", { name: "Data In" }).click();
  await expect(page.getByRole("heading", { name: "Data In" })).toBeVisible();

  // Filter by sync: only that sync's calls.
  await page.getByLabel("Sync").selectOption({ label: `${source} — ${track}` });
  await page.getByRole("button", { name: "Filter" }).click();
  const calls = page.getByTestId("data-in-call");
  await expect(calls).toHaveCount(2);
  await expect(calls.first()).toContainText("track");
  await expect(calls.first()).toContainText("Order Placed");
  await calls.first().locator("summary").click();
  await expect(calls.first().locator(".call-json")).toContainText('"event": "Order Placed"');
  await expect(calls.first().locator(".call-json")).toContainText('"amount"');
  await page.screenshot({ path: "e2e/screenshots/data-in.png", fullPage: true });

  // Filter by type within that sync: no identify calls there.
  await page.getByLabel("Type").selectOption("identify");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No calls match these filters")).toBeVisible();

  // The identify sync's calls (two runs of two rows), with their traits.
  await page.getByLabel("Sync").selectOption({ label: `${source} — ${identify}` });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(calls).toHaveCount(4);
  await expect(calls.first()).toContainText("identify");
  await calls.nth(1).locator("summary").click();
  await expect(calls.nth(1).locator(".call-json")).toContainText('"email"');

  // Unfiltered, newest first: the identify sync ran last, so its calls come before the track ones.
  await page.getByRole("link", { name: "Clear" }).click();
  await page.waitForURL(/\/data-in$/);
  await expect(calls.filter({ hasText: track }).first()).toBeVisible();
  const texts = await calls.allInnerTexts();
  expect(texts[0]).toContain(identify);
  expect(texts[1]).toContain(identify);
  expect(texts.findIndex((text) => text.includes(track))).toBeGreaterThan(1);
});
