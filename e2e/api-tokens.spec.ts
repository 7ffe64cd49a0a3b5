import { expect, test } from "@playwright/test";
import { unique } from "./support/flows";
import { signIn } from "./support/session";

test("API tokens: an admin creates one in Settings (shown once), scripts use it, and revoking it refuses them", async ({ page, playwright, baseURL }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Name the token after what uses it")).toBeVisible();

  const name = unique("dbt nightly");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-api-token").innerText()).trim();
  expect(token).toMatch(/^tw_[\w-]{20,}$/);
  const row = page.getByTestId("api-tokens").locator("tr").filter({ hasText: name });
  await expect(row).toContainText("never");
  await expect(row).not.toContainText(token);

  // A script with the token (and no session cookie).
  const script = await playwright.request.newContext({ baseURL });
  const headers = { authorization: `Bearer ${token}` };
  expect((await script.get("/api/v1/sources", { headers })).status()).toBe(200);
  await page.reload();
  await expect(row).not.toContainText("never");
  await expect(page.getByTestId("new-api-token")).toHaveCount(0); // shown once
  await page.screenshot({ path: "e2e/screenshots/settings-api-tokens.png", fullPage: true });

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveCount(0);
  expect((await script.get("/api/v1/sources", { headers })).status()).toBe(401);
  await script.dispose();
});
