import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { acceptInvite, setEditorText, unique } from "./support/flows";
import { signIn } from "./support/session";

const NEW_QUERY = `SELECT id AS "userId", email, plan FROM users WHERE epoch(updated_at) > {{last_sync_time}}`;

test("Audit log: an admin's sync change shows with its query diff, filters and exports as CSV; a member is refused", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page);

  // Change the demo sync's query, as a person does.
  await page.goto("/sources");
  await page.getByRole("link", { name: "Demo source" }).first().click();
  await page.getByTestId("sync-row").filter({ hasText: "Identify users" }).getByRole("link", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await setEditorText(page, NEW_QUERY);
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByRole("button", { name: "Save sync" }).click();
  await expect(page.getByTestId("sync-list")).toBeVisible();

  // A member to refuse later, invited from Settings (itself an audited change).
  await page.getByRole("link", { name: "Settings" }).click();
  const email = `${unique("auditee").replace(/\W+/g, "-")}@example.com`.toLowerCase();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Invite" }).click();
  const link = (await page.getByTestId("invite-link").innerText()).trim();

  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const entries = page.getByTestId("audit-events");
  await expect(entries).toContainText("sign_in.succeeded");
  await expect(entries).toContainText("invite.create");

  await page.getByLabel("Who").fill("ADMIN@");
  await page.getByLabel("Resource").selectOption("sync");
  await page.getByLabel("Action").fill("sync.update");
  await page.getByLabel("From").fill(new Date().toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=sync.update/);
  const row = entries.locator("tbody tr");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("admin@example.com");
  await expect(row).toContainText("Identify users");
  await expect(row).toContainText("query");
  await expect(row).toContainText('email, plan FROM users');
  await expect(entries).not.toContainText("invite.create");
  await page.screenshot({ path: "e2e/screenshots/audit-log.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("audit-log.csv");
  const csv = readFileSync((await download.path())!, "utf8").split("\r\n");
  expect(csv[0]).toBe("time,actor_type,actor,action,resource_type,resource_id,resource_name,diff");
  expect(csv.filter((line) => line.includes("sync.update"))).toHaveLength(1);
  expect(csv.join("\n")).not.toContain("invite.create");

  // The member joins and is refused the page; the menu does not offer it.
  const { context, page: member } = await acceptInvite(browser, link, "Audrey Member");
  await expect(member.getByRole("link", { name: "Audit log", exact: true })).toHaveCount(0);
  await member.goto("/audit");
  await expect(member.getByTestId("refused")).toBeVisible();
  await expect(member.getByTestId("audit-events")).toHaveCount(0);
  await context.close();
});
