import { expect, type Page } from "@playwright/test";

export const ADMIN = { name: "Ada Admin", email: "admin@example.com", password: "correct horse battery" };

/**
 * Signs in as the admin, creating the account through the first-visit setup screen when the install
 * is fresh (the first spec to run does that, as a new user would).
 */
export async function signIn(page: Page, user: { email: string; password: string } = ADMIN) {
  await page.goto("/");
  await page.waitForURL(/\/(setup|sign-in)$/);
  if (page.url().endsWith("/setup") && user === ADMIN) {
    await page.getByLabel("Name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create admin account" }).click();
  } else {
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}
