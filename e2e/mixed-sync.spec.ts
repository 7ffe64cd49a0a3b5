import { expect, test } from "@playwright/test";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, setEditorText, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";

const servers = useSourceDbAndReceiver(async (db) => {
  await db.query(`
    create table activity (n int, kind text, user_id text, event text, group_id text, name text, plan text);
    insert into activity values
      (1, 'identify', 'u-1', null, null, 'Ada', 'pro'),
      (2, 'track', 'u-1', 'Order Completed', null, null, 'pro'),
      (3, 'group', 'u-1', null, 'acme', 'Acme Inc', 'enterprise'),
      (4, 'foo', 'u-2', 'Clicked', null, null, null),
      (5, 'Identify', 'u-2', null, null, 'Grace', 'free');
  `);
});

const QUERY = `SELECT kind AS "type", user_id AS "userId", event, group_id AS "groupId", name, plan
FROM activity
ORDER BY n`;

test("a mixed sync: the wizard explains it, Run Query shows each row's call type, and one run sends identify, track and group calls", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Mixed dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  await addPostgresSourceWithDatabase(page, db, unique("Mixed source"));

  // Step 1: the mixed card says what it does, with a short example query.
  const card = page.locator(".type-card").filter({ has: page.getByRole("radio", { name: "mixed", exact: true }) });
  await expect(card).toContainText("One query, every call type");
  await expect(card.getByTestId("type-example-mixed")).toContainText("UNION ALL");
  const name = unique("Everything");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("radio", { name: "mixed", exact: true }).check({ force: true });
  await expect(card).toHaveClass(/selected/);
  await page.screenshot({ path: "e2e/screenshots/mixed-sync-type.png", fullPage: true });
  await page.getByRole("button", { name: "Next: Define Query" }).click();

  // Step 2: the mixed starter query and hint, then the preview: each row's call type and call.
  const editor = page.getByTestId("sql-editor").locator(".monaco-editor");
  await expect(editor).toContainText("UNION ALL");
  await expect(page.getByTestId("query-hint")).toContainText("column names its call");
  await setEditorText(page, QUERY);
  await page.getByRole("button", { name: "Run Query" }).click();
  const preview = page.getByTestId("query-preview");
  await expect(preview).toContainText("5 rows");
  await expect(preview).toContainText("4 would become calls");
  await expect(preview).toContainText("1 would fail");
  await expect(preview.getByTestId("preview-call-types")).toHaveText("2 identify · 1 track · 1 group");
  await expect(preview.getByTestId("preview-call-type")).toHaveText(["identify", "track", "group", "identify"]);
  await expect(preview.getByTestId("preview-failed-call")).toContainText('Unknown type "foo": use identify, track, group, page, screen or alias.');
  await expect(preview.getByTestId("preview-call").nth(1)).toContainText('"event": "Order Completed"');
  await expect(preview.getByTestId("preview-call").nth(2)).toContainText('"groupId": "acme"');
  await expect(preview.getByTestId("preview-rows").locator("tr.row-failed")).toContainText("foo");
  await page.screenshot({ path: "e2e/screenshots/mixed-sync-preview.png", fullPage: true });
  expect(receiver.requests).toHaveLength(0);

  // Step 3: save; it runs now.
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByLabel(new RegExp(destination)).check();
  await page.getByRole("button", { name: "Enable" }).click();
  const row = page.getByTestId("sync-row").filter({ hasText: name });
  await expect(row).toContainText("mixed");

  await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBeGreaterThan(0);
  const calls = receiver.requests.flatMap((request) => (request.json as { batch: Record<string, unknown>[] }).batch);
  expect(calls.map((call) => [call.type, call.userId])).toEqual([
    ["identify", "u-1"],
    ["track", "u-1"],
    ["group", "u-1"],
    ["identify", "u-2"],
  ]);
  expect(calls.every((call) => !("type" in ((call.traits ?? call.properties) as object)))).toBe(true);
  await expect(row).toContainText("succeeded", { timeout: 15_000 });

  // Imports: 5 rows read, 4 sent, 1 failed; the run page names the unknown type.
  await page.getByRole("link", { name: "Imports" }).click();
  const run = page.getByTestId("import-row").filter({ hasText: name }).first();
  await expect(run).toContainText("succeeded", { timeout: 30_000 });
  const cells = run.getByRole("cell");
  await expect(cells.nth(4)).toHaveText("5");
  await expect(cells.nth(5)).toHaveText("4");
  await expect(cells.nth(6)).toHaveText("1");
  await run.getByRole("link", { name: "View" }).click();
  await expect(page.getByTestId("run-errors")).toContainText('Unknown type "foo"');
});
