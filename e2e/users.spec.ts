import { expect, test } from "@playwright/test";
import { acceptInvite, unique } from "./support/flows";
import { signIn } from "./support/session";

test("Users: an admin invites a member by link; a member reads syncs but is refused credential pages", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page);
  // A source with a database (the demo one), whose credential page the member must not open.
  await page.goto("/sources");
  await page.getByRole("link", { name: "Demo source" }).first().click();
  await page.getByRole("link", { name: "Databases" }).click();
  await expect(page.getByTestId("database-list")).toBeVisible();
  await page.getByRole("link", { name: "Edit" }).first().click();
  await page.waitForURL(/\/databases\/[^/]+$/);
  const credentialPage = page.url();
  await expect(page.getByRole("button", { name: "Save database" })).toBeVisible();

  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByTestId("users")).toContainText("admin@example.com");
  const email = `${unique("member").replace(/\W+/g, "-")}@example.com`.toLowerCase();
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await page.locator("#invite input[name=email], form input[name=email][type=email]").first().fill(email);
  await page.getByRole("button", { name: "Invite" }).click();
  const link = (await page.getByTestId("invite-link").innerText()).trim();
  expect(link).toMatch(/\/invite\//);
  await page.screenshot({ path: "e2e/screenshots/settings.png", fullPage: true });

  // The invited person accepts in their own browser and is signed in as a member.
  const { context, page: member } = await acceptInvite(browser, link, "Mo Member");
  await expect(member.getByText("member", { exact: true })).toBeVisible();
  await expect(member.getByRole("link", { name: "Settings" })).toHaveCount(0);

  // Members read syncs...
  await member.getByRole("link", { name: "Sources", exact: true }).click();
  await expect(member.getByRole("link", { name: "Add Source" })).toHaveCount(0);
  await member.getByRole("link", { name: "Demo source" }).first().click();
  await expect(member.getByTestId("sync-list")).toContainText("Identify users");

  // ...but credential pages and admin screens are refused on the server.
  for (const path of [new URL(credentialPage).pathname, "/sources/new", "/destinations/new", "/settings"]) {
    await member.goto(path);
    await expect(member.getByTestId("refused")).toBeVisible();
    await expect(member.getByRole("button", { name: "Save database" })).toHaveCount(0);
  }
  await member.screenshot({ path: "e2e/screenshots/member-refused.png", fullPage: true });

  // The new member is listed; the admin makes them an admin (it sticks), then removes them, which
  // signs them out at once. The admin's own row has neither control.
  await page.reload();
  const row = page.getByTestId("users").locator("tr").filter({ hasText: email });
  const role = row.getByLabel(`Role of ${email}`);
  await expect(role).toHaveValue("member");
  await expect(page.getByTestId("users").locator("tr").filter({ hasText: "(you)" }).getByRole("button", { name: "Remove" })).toHaveCount(0);
  await role.selectOption("admin");
  await expect.poll(async () => (await page.reload(), await role.inputValue())).toBe("admin");
  await page.screenshot({ path: "e2e/screenshots/settings-users.png", fullPage: true });
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(`Remove ${email}?`);
    void dialog.accept();
  });
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("users")).not.toContainText(email);
  await member.goto("/sources");
  await expect(member).toHaveURL(/sign-in/);
  await context.close();
});
