import { expect, test } from "@playwright/test";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, createSync, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";
import { seedCustomers } from "./support/source-db";

const servers = useSourceDbAndReceiver(seedCustomers);

test("Delete: a database a sync reads from is refused with the sync named; the source goes with its syncs", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Delete dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  const source = unique("Old warehouse");
  await addPostgresSourceWithDatabase(page, db, source);
  const sync = unique("Old sync");
  await createSync(page, { name: sync, destination, query: `SELECT id AS "userId", email FROM customers WHERE id IS NOT NULL` });

  // The database is in use: asked first, then refused with the reason.
  await page.getByRole("link", { name: "Databases" }).click();
  const databases = page.getByTestId("database-list");
  page.once("dialog", (dialog) => void dialog.accept());
  await databases.getByRole("button", { name: "Delete" }).click();
  await expect(databases.getByRole("alert")).toContainText(`is used by the sync "${sync}"`);
  await expect(databases.locator("tbody tr")).toHaveCount(1);
  await page.screenshot({ path: "e2e/screenshots/database-in-use.png", fullPage: true });

  // Dismissing keeps the source; accepting deletes it with its database and sync.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await page.getByRole("button", { name: "Delete source" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(source) })).toBeVisible();
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(`"${source}" with its 1 database and 1 sync`);
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Delete source" }).click();
  await expect(page).toHaveURL(/\/sources$/);
  await expect(page.getByRole("heading", { name: "Sources" })).toBeVisible();
  await expect(page.getByText(source)).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/source-deleted.png", fullPage: true });
});
