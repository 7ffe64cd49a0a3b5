import { expect, type Page } from "@playwright/test";

export const ADMIN = { name: "Ada Admin", email: "admin@example.com", password: "correct horse battery" };

/**
 * Signs in (as the admin by default). scripts/e2e-server.sh creates the admin at start from
 * TIDEWATER_ADMIN_EMAIL/PASSWORD, so the install is never waiting for its setup code here.
 */
export async function signIn(page: Page, user: { email: string; password: string } = ADMIN) {
  await page.goto("/");
  await page.waitForURL(/\/sign-in$/);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}
