import { expect, test } from "@playwright/test";
import { addPostgresSource, fillPostgresDatabase, unique } from "./support/flows";
import { signIn } from "./support/session";
import { startSourceDb, type SourceDb } from "./support/source-db";

let db: SourceDb;
test.beforeAll(async () => {
  db = await startSourceDb();
});
test.afterAll(async () => {
  await db?.stop();
});

test("Save database tests the connection, refuses a wrong password, and keeps secrets write-only", async ({ page }) => {
  await signIn(page);
  const source = unique("Postgres source");
  await addPostgresSource(page, source);

  // The form comes from the connector's schema: PostgreSQL's fields, its default port, SSL and the tunnel.
  await expect(page.getByLabel("Port")).toHaveValue("5432");
  await expect(page.getByLabel("SSL mode")).toHaveValue("disable");
  await expect(page.getByLabel("CA certificate")).toHaveValue("");
  await expect(page.getByText("Connect through an SSH tunnel")).toBeVisible();

  // The tunnel section: Generate public key shows an OpenSSH public key to copy (the private key stays sealed).
  await page.getByLabel("Connect through an SSH tunnel").check();
  await expect(page.getByLabel("SSH port")).toHaveValue("22");
  await page.getByRole("button", { name: "Generate public key" }).click();
  await expect(page.getByTestId("ssh-public-key")).toHaveText(/^ssh-ed25519 AAAA\S+ tidewater$/);
  expect(await page.content()).not.toContain("PRIVATE KEY");
  await page.screenshot({ path: "e2e/screenshots/database-ssh-tunnel.png", fullPage: true });
  await page.getByLabel("Connect through an SSH tunnel").uncheck();

  // Wrong password: refused with the driver's message in plain words, and the form keeps what was typed.
  await fillPostgresDatabase(page, db, { name: "Replica", password: "not-the-password" });
  await expect(page.getByRole("alert").filter({ hasText: "Could not connect" })).toContainText(`Wrong password for user "${db.user}"`);
  await expect(page.getByLabel("Host")).toHaveValue(db.host);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Replica");
  await page.screenshot({ path: "e2e/screenshots/database-wrong-password.png", fullPage: true });

  // Right password: saved, and the sync wizard is next.
  await page.getByLabel("Password").fill(db.password);
  await page.getByRole("button", { name: "Save database" }).click();
  await expect(page.getByRole("heading", { name: "Add sync" })).toBeVisible();

  // The edit form shows the secret as set and never receives it back.
  await page.getByRole("link", { name: source }).click();
  await page.getByRole("link", { name: "Databases" }).click();
  await expect(page.getByTestId("database-list")).toBeVisible();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: "Edit Replica" })).toBeVisible();
  await expect(page.getByText("•••• set")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(await page.content()).not.toContain(db.password);
  await page.screenshot({ path: "e2e/screenshots/database-edit.png", fullPage: true });

  // Saving without typing a password keeps the stored one (the connection test passes with it).
  await page.getByLabel("Name", { exact: true }).fill("Replica (renamed)");
  await page.getByRole("button", { name: "Save database" }).click();
  await expect(page.getByTestId("database-list")).toContainText("Replica (renamed)");

  // A typed wrong password replaces nothing: the test fails and the stored one stays.
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Password").fill("wrong-again");
  await page.getByRole("button", { name: "Save database" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not connect" })).toBeVisible();
});
