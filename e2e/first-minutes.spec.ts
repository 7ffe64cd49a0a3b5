import { expect, test } from "@playwright/test";
import { startReceiver, type Receiver } from "../test/support/receiver";
import { addPostgresSource, unique } from "./support/flows";
import { signIn } from "./support/session";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver?.stop();
});

test("The database form uses the docs' words, and a refusal names the fields it means", async ({ page }) => {
  await signIn(page);
  await addPostgresSource(page, unique("First minutes"));
  // "Name" is the friendly name, "Database" the database to connect to: two labels a newcomer cannot mix up.
  await expect(page.getByLabel("Database name")).toHaveCount(0);
  await page.getByLabel("Name", { exact: true }).fill("analytics");
  await page.getByLabel("Host").fill("127.0.0.1");
  await page.getByRole("button", { name: "Save database" }).click();
  const refusal = page.locator(".form-error");
  await expect(refusal).toContainText("Some connection settings need attention:");
  await expect(refusal).toContainText(/\bDatabase\b/);
  await expect(refusal).toContainText(/\bUser\b/);
  await expect(refusal).not.toContainText(/\bHost\b/);
  // Nothing typed is lost.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("analytics");
  await page.screenshot({ path: "e2e/screenshots/database-form-field-names.png", fullPage: true });
});

test("A loopback destination refused by the address policy links the setting that allows it", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings");
  const allow = page.getByLabel("Allow private and loopback destinations");
  await allow.uncheck();
  await page.locator("#private-destinations").getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#private-destinations").getByText("Saved.")).toBeVisible();

  try {
    const name = unique("Local receiver");
    await page.goto("/destinations/new");
    await page.getByRole("radio", { name: /HTTP batch/ }).click();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByLabel("Write key").fill("wk_local");
    await page.getByRole("button", { name: "Add destination" }).click();
    await expect(page.locator(".field-error").filter({ hasText: "loopback address" })).toContainText("Settings → Private destinations");
    await page.screenshot({ path: "e2e/screenshots/destination-private-refused.png", fullPage: true });

    // The link goes to the setting; allowing it there is enough, no restart.
    await page.getByTestId("private-destinations-hint").getByRole("link", { name: "Settings → Private destinations" }).click();
    await expect(page).toHaveURL(/\/settings#private-destinations$/);
    await page.getByLabel("Allow private and loopback destinations").check();
    await page.locator("#private-destinations").getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#private-destinations").getByText("Saved.")).toBeVisible();
    await page.goBack();
    await page.goto("/destinations/new");
    await page.getByRole("radio", { name: /HTTP batch/ }).click();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByLabel("Write key").fill("wk_local");
    await page.getByRole("button", { name: "Add destination" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
  } finally {
    // The other specs' receivers are on loopback too.
    await page.goto("/settings");
    await page.getByLabel("Allow private and loopback destinations").check();
    await page.locator("#private-destinations").getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#private-destinations").getByText("Saved.")).toBeVisible();
  }
});
