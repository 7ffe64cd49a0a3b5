import { expect, test } from "@playwright/test";
import { signIn } from "./support/session";

test("the home page shows the demo source, its syncs and its last runs", async ({ page }) => {
  await signIn(page);
  await page.goto("/");
  const source = page.getByTestId("source").filter({ hasText: "Demo source" });
  await expect(source).toBeVisible();
  await expect(source.getByText("Demo (sample data)")).toBeVisible();
  await expect(source.getByRole("cell", { name: "Identify users" })).toBeVisible();
  await expect(source.getByRole("cell", { name: "Track events" })).toBeVisible();
  // The scheduler runs the enabled demo syncs at start, into the built-in inbox.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("recent-runs").getByText("succeeded").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: "e2e/screenshots/home.png", fullPage: true });
});
