import { expect, test } from "@playwright/test";
import { unique } from "./support/flows";
import { signIn } from "./support/session";

test("Add Source: pick the kind, name it, and the source is listed", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Sources", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sources" })).toBeVisible();
  await page.getByRole("link", { name: "Add Source" }).first().click();

  // Every kind is offered; a name is required before anything is created.
  for (const kind of ["PostgreSQL", "Amazon Redshift", "Snowflake", "Google BigQuery", "Microsoft SQL Server", "MySQL", "Demo"]) {
    await expect(page.getByRole("radio", { name: new RegExp(kind) })).toBeVisible();
  }
  await page.getByRole("radio", { name: /PostgreSQL/ }).click();
  await page.screenshot({ path: "e2e/screenshots/add-source.png", fullPage: true });
  await page.getByRole("button", { name: "Add Source" }).click();
  await expect(page.getByText("Give the source a name")).toBeVisible();

  const name = unique("Warehouse");
  // Its error sits inside the label, so the field's accessible name now starts with "Name".
  await page.getByLabel(/^Name/).fill(name);
  await page.getByRole("button", { name: "Add Source" }).click();
  await expect(page.getByRole("heading", { name: "Add a PostgreSQL database" })).toBeVisible();

  await page.goto("/sources");
  const row = page.getByTestId("source-list").locator(".list-card").filter({ hasText: name });
  await expect(row).toContainText("PostgreSQL");
  await expect(row).toContainText("0 databases");
  await page.screenshot({ path: "e2e/screenshots/sources.png", fullPage: true });

  // The source page says what to do next.
  await row.getByRole("link", { name }).click();
  await expect(page.getByText("Add a database first")).toBeVisible();
});
