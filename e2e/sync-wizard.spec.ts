import { expect, test } from "@playwright/test";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, setEditorText, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";
import { seedCustomers } from "./support/source-db";

const servers = useSourceDbAndReceiver(seedCustomers);

const QUERY = `SELECT id AS "userId", email, first_name, plan
FROM customers
WHERE EXTRACT(EPOCH FROM updated_at) > {{last_sync_time}}
ORDER BY email`;

test("the sync wizard: settings, Define Query in Monaco with Run Query, destinations, Enable; the destination gets the calls", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  // The app's Content-Security-Policy (nonce, no unsafe-eval) must not block Next.js or Monaco.
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text());
  });
  await signIn(page);
  const destination = unique("CDP");
  await addHttpBatchDestination(page, destination, receiver.url);
  const source = unique("Customers DB");
  await addPostgresSourceWithDatabase(page, db, source);

  // Step 1: every call type with its explanation and required columns; frequency presets and start.
  await expect(page.getByText("Tells us who someone is and assigns traits to that person.")).toBeVisible();
  await expect(page.getByText("Requires: event, and userId or anonymousId")).toBeVisible();
  await expect(page.getByText("Requires: previousId and userId")).toBeVisible();
  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await page.getByRole("button", { name: "Back" }).click();
  const name = unique("Identify customers");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Description").fill("Customers and their plan");
  await page.getByLabel("Sync frequency").selectOption({ label: "Every N minutes…" });
  await page.getByLabel("Minutes between runs").fill("30");
  await page.screenshot({ path: "e2e/screenshots/sync-wizard-settings.png", fullPage: true });
  await page.getByRole("button", { name: "Next: Define Query" }).click();

  // Step 2: Monaco from the app's own files, a starter query for identify with {{last_sync_time}} marked.
  const editor = page.getByTestId("sql-editor").locator(".monaco-editor");
  await expect(editor).toBeVisible();
  await expect(editor.locator(".last-sync-time-token").first()).toBeVisible();
  await expect(editor).toContainText("EXTRACT(EPOCH FROM updated_at)");

  // Autocomplete offers {{last_sync_time}}. Each attempt focuses the editor again and types on a
  // new line: on a loaded machine the first click can land before Monaco takes focus.
  const suggestion = page.locator(".monaco-editor .suggest-widget .monaco-list-row").first();
  await expect(async () => {
    await page.keyboard.press("Escape");
    await editor.locator(".view-lines").click();
    await expect(editor).toHaveClass(/\bfocused\b/, { timeout: 2_000 });
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("{{last");
    await expect(editor.locator(".view-lines")).toContainText("{{last", { timeout: 2_000 });
    await page.keyboard.press("Control+Space");
    await expect(suggestion).toContainText("{{last_sync_time}}", { timeout: 5_000 });
  }).toPass({ timeout: 40_000 });
  await page.keyboard.press("Escape");

  // A syntax error: the database's own message.
  await setEditorText(page, `SELECT id AS "userId", email, FROM customers`);
  await page.getByRole("button", { name: "Run Query" }).click();
  await expect(page.getByTestId("query-error")).toContainText('syntax error at or near "FROM"');

  // The real query: rows, the calls they become, and the row that would fail with its reason.
  await setEditorText(page, QUERY);
  await page.getByRole("button", { name: "Run Query" }).click();
  const preview = page.getByTestId("query-preview");
  await expect(preview).toContainText("3 rows");
  await expect(preview).toContainText("2 would become calls");
  await expect(preview).toContainText("1 would fail");
  await expect(preview.getByTestId("preview-rows")).toContainText("grace@example.com");
  await expect(preview.getByTestId("preview-rows").locator("tr.row-failed")).toContainText("nobody@example.com");
  await expect(preview.getByTestId("preview-failed-call")).toContainText(/userId|anonymousId/);
  await expect(preview.getByTestId("preview-call").first()).toContainText('"type": "identify"');
  await expect(preview.getByTestId("preview-call").first()).toContainText('"email": "ada@example.com"');
  await page.screenshot({ path: "e2e/screenshots/sync-wizard-query.png", fullPage: true });
  expect(receiver.requests).toHaveLength(0); // a preview sends nothing

  // Step 3: destinations, then Enable.
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Pick at least one destination" }).first()).toBeVisible();
  await page.getByLabel(new RegExp(destination)).check();
  await page.screenshot({ path: "e2e/screenshots/sync-wizard-destinations.png", fullPage: true });
  await page.getByRole("button", { name: "Enable" }).click();

  const row = page.getByTestId("sync-row").filter({ hasText: name });
  await expect(row).toContainText("identify");
  await expect(row).toContainText("Every 30 minutes");
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "true");

  // Start now: the scheduler runs it and the destination receives the two good rows as identify calls.
  await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBeGreaterThan(0);
  const calls = receiver.requests.flatMap((request) => (request.json as { batch: Record<string, unknown>[] }).batch);
  expect(receiver.requests[0].path).toBe("/v1/batch");
  expect(receiver.requests[0].headers.authorization).toBe(`Basic ${Buffer.from("wk_test:").toString("base64")}`);
  expect(calls.map((call) => [call.type, call.userId, (call.traits as Record<string, unknown>).email])).toEqual([
    ["identify", "u-1", "ada@example.com"],
    ["identify", "u-2", "grace@example.com"],
  ]);
  await expect(row).toContainText("succeeded", { timeout: 15_000 });
  expect(blocked).toEqual([]);
});
