import { expect, test } from "@playwright/test";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, createSync, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";

const servers = useSourceDbAndReceiver(async (db) => {
  await db.query(`
    create table refused_people (n int, id text, email text);
    insert into refused_people select n, 'r-' || n, 'r' || n || '@example.com' from generate_series(1, 10) as n;
  `);
});

const sentIds = (batches: unknown[]) => batches.flatMap((json) => (json as { batch: { userId: string }[] }).batch.map((call) => call.userId));

test("Retry failed rows: 10 rows refused with 400 are sent again and delivered; Imports shows 10 retried", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  let refusing = true;
  receiver.respondWith(() => (refusing ? { status: 400, body: { error: "write key not allowed for this workspace" } } : { status: 200, body: { success: true } }));
  await signIn(page);
  const destination = unique("Refusing dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  await addPostgresSourceWithDatabase(page, db, unique("Retry source"));
  const name = unique("Refused people");
  await createSync(page, { name, frequency: "Daily", destination, query: `SELECT id AS "userId", email FROM refused_people ORDER BY n` });

  // The first run (at start): the destination refuses all 10 rows.
  await page.getByRole("link", { name: "Imports" }).click();
  const first = page.getByTestId("import-row").filter({ hasText: name }).first();
  await expect(first).toContainText("succeeded", { timeout: 30_000 });
  await expect(first.getByRole("cell").nth(6)).toHaveText("10");
  await first.getByRole("link", { name: "View" }).click();
  await expect(page.getByTestId("run-errors").locator("tbody tr")).toHaveCount(10);
  await expect(page.getByTestId("run-errors")).toContainText("400");
  await expect(page.getByTestId("rows-waiting")).toContainText("10 of these rows were refused or could not be delivered");

  // The destination accepts again; Retry failed rows opens the new run, which delivers them.
  refusing = false;
  receiver.requests.length = 0;
  const firstRunUrl = page.url();
  await page.getByRole("button", { name: "Retry failed rows" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/runs/") && url.href !== firstRunUrl);
  await expect(page.getByTestId("run-stats")).toContainText("succeeded", { timeout: 30_000 });
  await expect(page.getByText("Retry failed rows of")).toBeVisible();
  await expect(page.getByTestId("run-retries-summary")).toContainText("10 retried: 10 delivered");
  await expect(page.getByTestId("run-retry")).toHaveCount(10);
  expect(sentIds(receiver.requests.map((request) => request.json)).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `r-${i + 1}`).sort());
  await page.screenshot({ path: "e2e/screenshots/retry-failed-rows.png", fullPage: true });

  // Nothing of the first run waits any more: its page no longer offers the button.
  await page.goto(firstRunUrl);
  await expect(page.getByTestId("run-errors")).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry failed rows" })).toHaveCount(0);

  // Imports: the retry run, labelled so, with "10 retried" in its counts.
  await page.getByRole("link", { name: "Imports" }).click();
  const retry = page.getByTestId("import-row").filter({ hasText: name }).first();
  await expect(retry).toContainText("Retry failed rows");
  await expect(retry).toContainText("10 retried");

  // The sync's Retry limit: 3 by default; a blank one is refused by the server and the field kept.
  await page.getByRole("link", { name: "Syncs", exact: true }).click();
  await page.getByTestId("sync-row").filter({ hasText: name }).getByRole("link", { name: "Edit" }).click();
  const limit = page.getByLabel("Retry limit");
  await expect(limit).toHaveValue("3");
  await expect(page.getByText("Refused or undelivered rows are retried on the next runs, up to this many, then given up.")).toBeVisible();
  await limit.fill("");
  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByRole("button", { name: "Save sync" }).click();
  await expect(page.getByText("Enter a number of runs from 0 to 20")).toBeVisible();
  await expect(page.getByRole("alert").first()).toContainText("Retry limit");
  await expect(limit).toHaveValue("");
  await limit.fill("5");
  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByRole("button", { name: "Save sync" }).click();
  await expect(page.getByTestId("sync-list")).toBeVisible();
  await page.getByTestId("sync-row").filter({ hasText: name }).getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Retry limit")).toHaveValue("5");
});
