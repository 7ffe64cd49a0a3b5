import { expect, test } from "@playwright/test";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, setEditorText, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";
import { seedCustomers } from "./support/source-db";

const servers = useSourceDbAndReceiver(seedCustomers);

test("a chain: B runs after A; B's page says so, and running A runs B", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const destination = unique("Chain CDP");
  await addHttpBatchDestination(page, destination, servers.receiver.url);
  await addPostgresSourceWithDatabase(page, servers.db, unique("Chain source"));
  const syncsTab = page.url().replace(/\/syncs\/new.*$/, "?tab=syncs");
  const a = unique("Load customers");
  const b = unique("Score customers");

  async function addSync(name: string, query: string, schedule: () => Promise<void>) {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await schedule();
    await page.getByRole("button", { name: "Next: Define Query" }).click();
    await setEditorText(page, query);
    await page.getByRole("button", { name: "Next: Destinations" }).click();
    await page.getByLabel(new RegExp(destination)).check();
    await page.getByRole("button", { name: "Enable" }).click();
    await expect(page.getByTestId("sync-row").filter({ has: page.locator("td:first-child strong", { hasText: name }) })).toBeVisible();
  }

  await addSync(a, `SELECT id AS "userId", email FROM customers WHERE id IS NOT NULL`, () => page.getByRole("radio", { name: "Manual only" }).check());
  await page.getByRole("link", { name: "Add sync" }).first().click();
  await addSync(b, `SELECT id AS "userId", plan FROM customers WHERE id IS NOT NULL`, async () => {
    await page.getByRole("radio", { name: "After another sync" }).check();
    await page.getByLabel("Run after").selectOption({ label: a });
    await page.screenshot({ path: "e2e/screenshots/sync-chain-wizard.png", fullPage: true });
  });
  // By the name in its first cell: B's row names A too ("After A succeeds").
  const rowOf = (name: string) => page.getByTestId("sync-row").filter({ has: page.locator("td:first-child strong", { hasText: name }) });
  const rowA = rowOf(a);
  const rowB = rowOf(b);
  await expect(rowA).toContainText("Manual only");
  await expect(rowB).toContainText(`After ${a} succeeds`);

  // B's page says what it runs after, with a link to it; A's page names what runs after it.
  await rowB.getByRole("link", { name: "Edit" }).click();
  const summary = page.getByTestId("schedule-summary");
  await expect(summary).toContainText(`Runs after ${a} succeeds (not when it fails).`);
  await page.screenshot({ path: "e2e/screenshots/sync-chain-page.png", fullPage: true });
  await summary.getByRole("link", { name: a }).click();
  await expect(page.getByTestId("schedule-summary")).toContainText(`Runs after this one succeeds: ${b}`);

  // A loop is refused on save, with the reason at the field.
  await page.getByRole("radio", { name: "After another sync" }).check();
  await page.getByLabel("Run after").selectOption({ label: b });
  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByRole("button", { name: "Save sync" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `This would make a loop: ${a} → ${b} → ${a}` })).toBeVisible();

  // Run A: B runs once A has succeeded.
  await page.goto(syncsTab);
  expect(servers.receiver.requests).toHaveLength(0);
  await rowA.getByRole("button", { name: "Run now" }).click();
  await expect(rowA).toContainText("succeeded", { timeout: 30_000 });
  await expect(rowB).toContainText("succeeded", { timeout: 30_000 });
  const calls = servers.receiver.requests.flatMap((request) => (request.json as { batch: { traits: Record<string, unknown> }[] }).batch);
  expect(calls.map((call) => Object.keys(call.traits).sort().join())).toEqual(["email", "email", "plan", "plan"]);

  // B's run says what started it.
  await page.goto(syncsTab.replace("tab=syncs", "tab=imports"));
  const importB = page.getByTestId("import-row").filter({ hasText: b });
  await expect(importB).toContainText("After another sync");
  await importB.getByRole("link", { name: "View" }).click();
  await expect(page.getByTestId("run-chain")).toContainText(`Started by ${a}'s run`);
  await page.screenshot({ path: "e2e/screenshots/sync-chain-run.png", fullPage: true });
});
