import { expect, test, type Page } from "@playwright/test";
import { startReceiver, type Receiver } from "../test/support/receiver";
import { addHttpBatchDestination, unique } from "./support/flows";
import { signIn } from "./support/session";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(() => receiver?.stop());

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/v1${path}`);
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

type Syncs = { syncs: { id: string; name: string; sourceId: string }[] };
type Runs = { runs: { id: string; status: string }[] };

/** The demo's "Identify users", once the scheduler's first run of it (at start) has ended. */
async function demoSync(page: Page) {
  const sync = (await api<Syncs>(page, "/syncs")).syncs.find((item) => item.name === "Identify users");
  expect(sync).toBeDefined();
  await expect.poll(async () => (await api<Runs>(page, `/syncs/${sync!.id}/runs`)).runs.map((run) => run.status), { timeout: 30_000 }).toEqual(["succeeded"]);
  return sync!;
}

async function dataInFirstCall(page: Page) {
  await page.goto("/data-in");
  const calls = page.getByTestId("data-in-call");
  await expect(calls.first()).toBeVisible();
  return { count: await calls.count(), first: await calls.first().textContent() };
}

test("Dry run on the sync page: counts and sample calls stream in, and no run, call or Data In entry is made", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const sync = await demoSync(page);
  const dataInBefore = await dataInFirstCall(page);

  await page.goto(`/syncs/${sync.id}`);
  await page.getByRole("button", { name: "Dry run", exact: true }).click();
  const panel = page.getByTestId("dry-run-panel");
  await expect(panel.getByTestId("dry-run-status")).toHaveText("Dry run finished");
  const rowsRead = Number(await panel.getByTestId("dry-run-rows-read").textContent());
  expect(rowsRead).toBeGreaterThan(0);
  await expect(panel.getByTestId("dry-run-calls")).not.toHaveText("0");
  const firstCall = panel.getByTestId("dry-run-call").first();
  await expect(firstCall.locator(".call-json")).toContainText('"type": "identify"');
  await expect(firstCall.locator(".call-json")).toContainText('"messageId": "');
  await page.screenshot({ path: "e2e/screenshots/dry-run.png", fullPage: false });
  await page.getByRole("button", { name: "Close" }).click();
  await expect(panel).toBeHidden();

  expect((await api<Runs>(page, `/syncs/${sync.id}/runs`)).runs).toHaveLength(1);
  expect(await dataInFirstCall(page)).toEqual(dataInBefore);
});

test("the wizard's Dry run, before Enable, shows what the first run would send and sends nothing", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Dry run dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  const sync = await demoSync(page);
  const syncsBefore = (await api<Syncs>(page, "/syncs")).syncs.length;

  await page.goto(`/sources/${sync.sourceId}/syncs/new`);
  await page.getByLabel("Name", { exact: true }).fill(unique("Not saved"));
  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByLabel(new RegExp(destination)).check();
  const step = page.getByTestId("wizard-dry-run");
  await step.getByRole("button", { name: "Dry run" }).click();
  await expect(step.getByTestId("dry-run-status")).toHaveText("Dry run finished");
  await expect(step.getByTestId("dry-run-calls")).not.toHaveText("0");
  await expect(step.getByTestId("dry-run-call").first().locator(".call-json")).toContainText('"messageId": "');
  await page.screenshot({ path: "e2e/screenshots/wizard-dry-run.png", fullPage: true });

  expect(receiver.requests).toHaveLength(0);
  expect((await api<Syncs>(page, "/syncs")).syncs).toHaveLength(syncsBefore);
});
