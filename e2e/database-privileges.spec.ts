import { expect, test } from "@playwright/test";
import { addPostgresSource, fillPostgresDatabase, unique } from "./support/flows";
import { signIn } from "./support/session";
import { startSourceDb, type SourceDb } from "./support/source-db";

let db: SourceDb;
test.beforeAll(async () => {
  db = await startSourceDb();
  await db.query("create table if not exists people (id int primary key, email text)");
});
test.afterAll(async () => {
  await db?.stop();
});

test("Save database with a user that can write shows the warning and the read-only grants; with a read-only user it does not", async ({ page }) => {
  await signIn(page);

  // The database's owner can change data: saved, with the warning and the statements for a read-only user.
  await addPostgresSource(page, unique("Writer source"));
  await fillPostgresDatabase(page, { ...db, ...db.owner }, { name: "Owner" });
  const warning = page.getByTestId("write-access-warning");
  await expect(warning).toContainText("This database user can change data");
  await expect(warning).toContainText("CREATE on database app");
  await expect(warning).toContainText("INSERT, UPDATE, DELETE, TRUNCATE on public.people");
  await expect(page.getByTestId("read-only-grants")).toContainText(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO "tidewater_reader";`);
  await expect(page.getByRole("status")).toContainText("Database saved");
  await page.screenshot({ path: "e2e/screenshots/database-write-access-warning.png", fullPage: true });
  await page.getByRole("button", { name: "Next: Create Sync" }).click();
  await expect(page.getByRole("heading", { name: "Add sync" })).toBeVisible();

  // A user with SELECT only: no warning, straight on to the sync wizard.
  await addPostgresSource(page, unique("Reader source"));
  await fillPostgresDatabase(page, db, { name: "Reader" });
  await expect(page.getByRole("heading", { name: "Add sync" })).toBeVisible();
  await expect(page.getByTestId("write-access-warning")).toHaveCount(0);
});
