import { expect, test } from "@playwright/test";
import { startReceiver, type Receiver } from "../test/support/receiver";
import { addHttpBatchDestination, unique } from "./support/flows";
import { signIn } from "./support/session";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver?.stop();
});

type Batch = { batch: Record<string, unknown>[] };

test("Destinations: add, send a test call, edit keeping the write key, delete; webhook headers; the inbox shows what it received", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page.getByRole("link", { name: "Destinations", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Destinations" })).toBeVisible();

  // Server-side validation with field messages; nothing typed is lost.
  await page.getByRole("link", { name: "Add destination" }).first().click();
  await page.getByRole("radio", { name: /HTTP batch/ }).click();
  await page.getByLabel("Name", { exact: true }).fill("Broken");
  await page.getByLabel("URL").fill("not a url");
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByText("Enter the endpoint's base URL")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Broken");

  // HTTP batch: the test call is one identify through the real writer.
  const name = unique("Customer.io");
  await addHttpBatchDestination(page, name, receiver.url, "wk_secret_1");
  await page.getByRole("button", { name: "Send test call" }).click();
  await expect(page.getByText(/Test call sent/)).toBeVisible();
  expect(receiver.requests).toHaveLength(1);
  expect(receiver.requests[0].path).toBe("/v1/batch");
  expect(receiver.requests[0].headers.authorization).toBe(`Basic ${Buffer.from("wk_secret_1:").toString("base64")}`);
  const [call] = (receiver.requests[0].json as Batch).batch;
  expect(call).toMatchObject({ type: "identify", userId: "tidewater-test-user" });
  await page.screenshot({ path: "e2e/screenshots/destination-edit.png", fullPage: true });

  // The write key is write-only; a save without typing it keeps it.
  await expect(page.getByText("•••• set")).toBeVisible();
  expect(await page.content()).not.toContain("wk_secret_1");
  await page.getByLabel("Name", { exact: true }).fill(`${name} EU`);
  await page.getByRole("button", { name: "Save destination" }).click();
  await expect(page.getByRole("heading", { name: `${name} EU` })).toBeVisible();
  await page.getByRole("button", { name: "Send test call" }).click();
  await expect.poll(() => receiver.requests.length).toBe(2);
  await expect(page.getByText(/Test call sent/)).toBeVisible();
  expect(receiver.requests[1].headers.authorization).toBe(`Basic ${Buffer.from("wk_secret_1:").toString("base64")}`);

  // A failing destination says why.
  receiver.respondWith(() => ({ status: 401, body: { error: "bad key" } }));
  await page.getByRole("button", { name: "Send test call" }).click();
  await expect(page.getByText(/The test call failed|refused/)).toBeVisible();
  receiver.reset();

  // Webhook with a header.
  const hook = unique("Webhook");
  await page.goto("/destinations/new");
  await page.getByRole("radio", { name: /Webhook/ }).click();
  await page.getByLabel("Name", { exact: true }).fill(hook);
  await page.getByLabel("URL").fill(`${receiver.url}/hooks/tidewater`);
  await page.getByLabel("Header name").fill("X-Api-Key");
  await page.getByLabel("Header value").fill("hook-secret");
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByRole("heading", { name: hook })).toBeVisible();
  await page.getByRole("button", { name: "Send test call" }).click();
  await expect(page.getByText(/Test call sent/)).toBeVisible();
  expect(receiver.requests[0].path).toBe("/hooks/tidewater");
  expect(receiver.requests[0].headers["x-api-key"]).toBe("hook-secret");
  expect((receiver.requests[0].json as Batch).batch[0]).toMatchObject({ type: "identify" });

  // Customer.io Data Pipelines: its form comes from its schema (region, API key, optional proxy endpoint).
  receiver.reset();
  const cio = unique("Customer.io EU");
  await page.goto("/destinations/new");
  await page.getByRole("radio", { name: /Customer.io Data Pipelines/ }).click();
  await page.getByLabel("Name", { exact: true }).fill(cio);
  await expect(page.getByLabel("Region")).toHaveValue("us");
  await page.getByLabel("Region").selectOption("eu");
  await page.getByLabel("API key").fill("cio_key_1");
  await page.getByLabel("Endpoint").fill(`${receiver.url}/proxy/v1/batch`);
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByRole("heading", { name: cio })).toBeVisible();
  await page.getByRole("button", { name: "Send test call" }).click();
  await expect(page.getByText(/Test call sent/)).toBeVisible();
  expect(receiver.requests[0].path).toBe("/proxy/v1/batch");
  expect(receiver.requests[0].headers.authorization).toBe(`Basic ${Buffer.from("cio_key_1:").toString("base64")}`);
  await expect(page.getByLabel("Region")).toHaveValue("eu");

  // The built-in inbox shows what it received.
  await page.goto("/destinations");
  await page.getByTestId("destination-row").filter({ hasText: "Tidewater inbox" }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: /Tidewater inbox/ })).toBeVisible();
  await page.getByRole("button", { name: "Send test call" }).click();
  await expect(page.getByText(/Test call sent/)).toBeVisible();
  await page.reload();
  const messages = page.getByTestId("inbox-messages");
  await expect(messages).toContainText("tidewater-test-user");
  await messages.locator("summary").filter({ hasText: "tidewater-test-user" }).first().click();
  await expect(messages.locator(".call-json").first()).toContainText('"userId": "tidewater-test-user"');
  await page.screenshot({ path: "e2e/screenshots/inbox.png", fullPage: true });

  // Delete asks first, then the destination is gone from the list.
  await page.goto("/destinations");
  await page.screenshot({ path: "e2e/screenshots/destinations.png", fullPage: true });
  const row = page.getByTestId("destination-row").filter({ hasText: `${name} EU` });
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("destination-row").filter({ hasText: `${name} EU` })).toHaveCount(0);
});
