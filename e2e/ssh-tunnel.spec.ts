import { expect, test } from "@playwright/test";
import { startSshd, type StartedSshd } from "../test/support/sshd";
import { addPostgresSource, unique } from "./support/flows";
import { signIn } from "./support/session";
import { startSourceDb, type SourceDb } from "./support/source-db";

let db: SourceDb;
let sshd: StartedSshd;
test.beforeAll(async () => {
  [db, sshd] = await Promise.all([startSourceDb(), startSshd()]);
});
test.afterAll(async () => {
  await Promise.all([db?.stop(), sshd?.stop()]);
});

test("SSH tunnel: Generate public key, refused until the server trusts it, then saved through the tunnel", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const source = unique("Tunnelled source");
  await addPostgresSource(page, source);
  await page.getByLabel("Name", { exact: true }).fill("Behind the bastion");
  await page.getByLabel("Host").fill("127.0.0.1");
  await page.getByLabel("Port").fill(String(db.port));
  await page.getByLabel("Database", { exact: true }).fill(db.database);
  await page.getByLabel("User", { exact: true }).fill(db.user);
  await page.getByLabel("Password").fill(db.password);
  await page.getByLabel("Connect through an SSH tunnel").check();
  await page.getByLabel("SSH host").fill("127.0.0.1");
  await page.getByLabel("SSH port").fill(String(sshd.port));
  await page.getByLabel("SSH user").fill(sshd.user);
  await page.getByRole("button", { name: "Generate public key" }).click();
  const publicKey = (await page.getByTestId("ssh-public-key").innerText()).trim();
  expect(publicKey).toMatch(/^ssh-ed25519 /);

  // Not yet in authorized_keys: Save database refuses.
  await page.getByRole("button", { name: "Save database" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not connect" })).toBeVisible();
  await expect(page.getByTestId("ssh-public-key")).toHaveText(publicKey); // nothing lost

  // Copied to the server: saved, and the connection went through the tunnel.
  await sshd.setAuthorizedKeys([publicKey]);
  await page.getByRole("button", { name: "Save database" }).click();
  await expect(page.getByRole("heading", { name: "Add sync" })).toBeVisible();
  expect(await sshd.log()).toMatch(/direct-tcpip/);

  // The edit form shows the tunnel and its public key, never the private key.
  await page.getByRole("link", { name: source }).click();
  await page.getByRole("link", { name: "Databases" }).click();
  await expect(page.getByTestId("database-list")).toBeVisible();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Connect through an SSH tunnel")).toBeChecked();
  await expect(page.getByLabel("SSH port")).toHaveValue(String(sshd.port));
  await expect(page.getByTestId("ssh-public-key")).toHaveText(publicKey);
  expect(await page.content()).not.toContain("PRIVATE KEY");
  await page.screenshot({ path: "e2e/screenshots/database-ssh-tunnel-edit.png", fullPage: true });
  // Saving again keeps the stored key.
  await page.getByRole("button", { name: "Save database" }).click();
  await expect(page.getByTestId("database-list")).toContainText("Behind the bastion");
});
