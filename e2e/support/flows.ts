import { expect, type Browser, type Page } from "@playwright/test";
import type { SourceDb } from "./source-db";

/** A name no other spec (or earlier run against the same app database) uses. */
export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

/** Sources → Add Source → PostgreSQL → name; lands on the database form. */
export async function addPostgresSource(page: Page, name: string) {
  await page.goto("/sources");
  await page.getByRole("link", { name: "Add Source" }).first().click();
  await page.getByRole("radio", { name: /PostgreSQL/ }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add Source" }).click();
  await expect(page.getByRole("heading", { name: "Add a PostgreSQL database" })).toBeVisible();
}

/** Fills the PostgreSQL database form and clicks Save database. */
export async function fillPostgresDatabase(page: Page, db: SourceDb, options: { name: string; password?: string }) {
  await page.getByLabel("Name", { exact: true }).fill(options.name);
  await page.getByLabel("Host").fill(db.host);
  await page.getByLabel("Port").fill(String(db.port));
  await page.getByLabel("Database", { exact: true }).fill(db.database);
  await page.getByLabel("User", { exact: true }).fill(db.user);
  await page.getByLabel("Password").fill(options.password ?? db.password);
  await page.getByRole("button", { name: "Save database" }).click();
}

/** A PostgreSQL source with a working database, ready for syncs (ends on the sync wizard). */
export async function addPostgresSourceWithDatabase(page: Page, db: SourceDb, name: string) {
  await addPostgresSource(page, name);
  await fillPostgresDatabase(page, db, { name: `${name} db` });
  await expect(page.getByRole("heading", { name: "Add sync" })).toBeVisible();
}

/** Destinations → Add destination → HTTP batch with the receiver's URL. */
export async function addHttpBatchDestination(page: Page, name: string, url: string, writeKey = "wk_test") {
  await page.goto("/destinations/new");
  await page.getByRole("radio", { name: /HTTP batch/ }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("URL").fill(url);
  await page.getByLabel("Write key").fill(writeKey);
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** Replaces the Monaco editor's text the way a person pastes it (no auto-closed brackets). */
export async function setEditorText(page: Page, text: string) {
  const editor = page.getByTestId("sql-editor").locator(".monaco-editor").first();
  await expect(editor).toBeVisible();
  await editor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

type SyncOptions = { name: string; type?: string; query: string; destination: string; frequency?: string; description?: string };

/** The sync wizard from its first step to Enable; ends on the source's Syncs tab. */
export async function createSync(page: Page, options: SyncOptions) {
  await page.getByLabel("Name", { exact: true }).fill(options.name);
  if (options.description) await page.getByLabel("Description").fill(options.description);
  if (options.type) await page.getByRole("radio", { name: options.type, exact: true }).check({ force: true });
  if (options.frequency) await page.getByLabel("Sync frequency").selectOption({ label: options.frequency });
  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await setEditorText(page, options.query);
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByLabel(new RegExp(options.destination)).check();
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByTestId("sync-list")).toBeVisible();
  await expect(page.getByTestId("sync-row").filter({ hasText: options.name })).toBeVisible();
}

/** The invited person accepts the link in a browser of their own and lands signed in on the Overview. */
export async function acceptInvite(browser: Browser, link: string, name: string, password = "member password 1") {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /Create account|Accept|Join/ }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return { context, page };
}
