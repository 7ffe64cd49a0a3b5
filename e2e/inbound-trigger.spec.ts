import { request as apiRequest, expect, test } from "@playwright/test";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, createSync, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";

const servers = useSourceDbAndReceiver(async (db) => {
  await db.query(`
    create table trigger_people (id text, email text);
    insert into trigger_people values ('t-1', 't1@example.com'), ('t-2', 't2@example.com');
  `);
});

test("Trigger URL: made once on the sync page, called from outside, and the run shows as Started by webhook", async ({ page }) => {
  const { db, receiver } = servers;
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Trigger dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  const source = unique("Trigger source");
  await addPostgresSourceWithDatabase(page, db, source);
  const name = unique("After dbt");
  await createSync(page, { name, frequency: "Daily", destination, query: `SELECT id AS "userId", email FROM trigger_people ORDER BY id` });

  // The first run (at start) ends before the trigger is called, so the triggered one is not skipped.
  await page.getByRole("link", { name: "Imports" }).click();
  await expect(page.getByTestId("import-row").filter({ hasText: name }).first()).toContainText("succeeded", { timeout: 30_000 });

  await page.getByRole("link", { name: "Syncs", exact: true }).click();
  await page.getByTestId("sync-row").filter({ hasText: name }).getByRole("link", { name: "Edit" }).click();
  const panel = page.getByTestId("sync-trigger");
  await expect(panel.getByRole("heading", { name: "Trigger URL" })).toBeVisible();
  await expect(panel.getByTestId("trigger-state")).toHaveText("This sync has no trigger URL.");
  await panel.getByRole("button", { name: "Create trigger URL" }).click();
  await expect(panel.getByText("Copy the URL now: it is not shown again.")).toBeVisible();
  const url = (await panel.getByTestId("trigger-url").textContent()) ?? "";
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/triggers\/twt_[\w-]{43}$/);
  await expect(panel.getByTestId("trigger-dbt-url")).toHaveText(`${url}/dbt-cloud`);
  await expect(panel.getByRole("button", { name: "Copy" })).toHaveCount(2);

  await panel.getByLabel(/dbt Cloud secret/).fill("dbt-webhook-secret-e2e");
  await panel.getByRole("button", { name: "Save dbt Cloud secret" }).click();
  await expect(panel.getByText("dbt Cloud secret saved.")).toBeVisible();
  await expect(panel.getByText("•••• set")).toBeVisible();
  await expect(panel.getByLabel(/dbt Cloud secret/)).toHaveValue("");
  await panel.screenshot({ path: "e2e/screenshots/inbound-trigger.png" });

  // Shown once: after a reload only its existence remains, the secret is nowhere on the page.
  await page.reload();
  await expect(panel.getByTestId("trigger-state")).toContainText("A trigger URL exists");
  await expect(panel.getByTestId("trigger-url")).toHaveCount(0);
  expect(await page.content()).not.toContain(url.split("/triggers/")[1]);
  await expect(panel.getByText("•••• set")).toBeVisible();

  // An orchestrator calls it: no session, no API token.
  receiver.requests.length = 0;
  const outside = await apiRequest.newContext();
  const reply = await outside.post(url);
  expect(reply.status()).toBe(202);
  const { runId, status } = (await reply.json()) as { runId: string; status: string };
  expect(status).toBe("running");
  await outside.dispose();

  await page.getByRole("link", { name: source }).click();
  await page.getByRole("link", { name: "Imports" }).click();
  const row = page.getByTestId("import-row").filter({ hasText: name }).first();
  await expect(row).toContainText("Started by webhook");
  await expect(row).toContainText("succeeded", { timeout: 30_000 });
  await expect(row.getByRole("link", { name: "View" })).toHaveAttribute("href", `/runs/${runId}`);
  const sent = receiver.requests.flatMap((request) => (request.json as { batch: { userId: string }[] }).batch.map((call) => call.userId));
  expect(sent.sort()).toEqual(["t-1", "t-2"]);
});
