import { expect, test } from "@playwright/test";
import type { Receiver } from "../test/support/receiver";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, createSync, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";
import { seedCustomers } from "./support/source-db";

const servers = useSourceDbAndReceiver(seedCustomers);

const batches = (receiver: Receiver) => receiver.requests.filter((request) => request.path === "/v1/batch").length;

test("the Syncs tab: state, last and next run, enable/disable, Run now, edit and delete", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Syncs dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  const source = unique("Syncs source");
  await addPostgresSourceWithDatabase(page, db, source);
  const name = unique("Daily customers");
  await createSync(page, {
    name,
    frequency: "Daily",
    destination,
    query: `SELECT id AS "userId", email FROM customers WHERE id IS NOT NULL AND EXTRACT(EPOCH FROM updated_at) > {{last_sync_time}}`,
  });

  const row = page.getByTestId("sync-row").filter({ hasText: name });
  await expect(row).toContainText("Daily");
  await expect(row).toContainText("identify");
  // Started now: the first run happens on its own and shows as the last run.
  await expect(row).toContainText("succeeded", { timeout: 30_000 });
  expect(batches(receiver)).toBe(1);
  await page.screenshot({ path: "e2e/screenshots/syncs-tab.png", fullPage: true });

  // Disable: the toggle flips, the next run is gone, and it stays so after a reload.
  await row.getByRole("switch").click();
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "false");
  await expect(row).toContainText("Disabled");
  await page.reload();
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "false");
  await row.getByRole("switch").click();
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "true");

  // Run now: a manual run, delivered to the destination. Nothing changed since the last run, so
  // {{last_sync_time}} leaves no rows: touch one row first.
  await db.query(`update customers set updated_at = now() + interval '1 second', plan = 'enterprise' where id = 'u-2'`);
  await row.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByRole("status")).toContainText("started");
  await expect.poll(() => batches(receiver), { timeout: 30_000 }).toBe(2);
  const last = receiver.requests.at(-1)!.json as { batch: { userId: string }[] };
  expect(last.batch.map((call) => call.userId)).toEqual(["u-2"]);

  // Edit: the wizard opens with the sync's values; the change is saved.
  await row.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  const renamed = `${name} (renamed)`;
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  // Started already, so "Start now"; moved to a date ahead, which the next edit shows again.
  await expect(page.getByLabel("Start now")).toBeChecked();
  await page.getByLabel("At a date and time").check();
  await page.getByLabel("Start at").fill("2031-05-06T07:08");
  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await expect(page.getByTestId("sql-editor")).toContainText("customers");
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await expect(page.getByLabel(new RegExp(destination))).toBeChecked();
  await page.getByRole("button", { name: "Save sync" }).click();
  const renamedRow = page.getByTestId("sync-row").filter({ hasText: renamed });
  await expect(renamedRow).toBeVisible();
  await renamedRow.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("At a date and time")).toBeChecked();
  await expect(page.getByLabel("Start at")).toHaveValue("2031-05-06T07:08");
  await page.goBack();
  await expect(renamedRow).toBeVisible();

  // Delete asks first; dismissing keeps the sync, accepting removes it.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await renamedRow.getByRole("button", { name: "Delete" }).click();
  await expect(renamedRow).toBeVisible();
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(renamed);
    void dialog.accept();
  });
  await renamedRow.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText(`${renamed} deleted.`)).toBeVisible();
  await expect(renamedRow).toHaveCount(0);
  await expect(page.getByText("No syncs yet")).toBeVisible();
});
