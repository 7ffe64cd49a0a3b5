import { expect, test } from "@playwright/test";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, setEditorText, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";
import { seedCustomers } from "./support/source-db";

const servers = useSourceDbAndReceiver(seedCustomers);

test("a cron schedule: the wizard checks the expression and time zone as they are typed, shows the next five runs, and the sync page says it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const destination = unique("Cron CDP");
  await addHttpBatchDestination(page, destination, servers.receiver.url);
  await addPostgresSourceWithDatabase(page, servers.db, unique("Cron source"));
  const name = unique("Nightly customers");
  await page.getByLabel("Name", { exact: true }).fill(name);

  await page.getByRole("radio", { name: "Cron expression" }).check();
  const expression = page.getByRole("textbox", { name: "Cron expression" });
  const timeZone = page.getByLabel("Time zone");
  const preview = page.getByTestId("cron-preview");
  // The server's own messages, shown while typing.
  await expression.fill("61 * * * *");
  await expect(page.getByRole("alert").filter({ hasText: "Not a cron expression (minute hour day-of-month month day-of-week)" })).toContainText("minute: 61");
  await expect(preview).toHaveCount(0);
  await expression.fill("30 2 * * *");
  await timeZone.fill("Mars/Olympus");
  await expect(page.getByRole("alert").filter({ hasText: "Unknown time zone; use an IANA name such as Europe/Berlin or America/New_York" })).toBeVisible();
  await timeZone.fill("Europe/Berlin");
  await expect(preview).toContainText("Next runs (Europe/Berlin)");
  const times = preview.getByRole("listitem");
  await expect(times).toHaveCount(5);
  for (const time of await times.allTextContents()) expect(time).toMatch(/, 02:30$/);
  // As typed: another expression, other times.
  await expression.fill("0 9 * * 1-5");
  await expect(times.first()).toContainText("09:00");
  await expect(times).toHaveCount(5);
  await expression.fill("30 2 * * *");
  await expect(times.first()).toContainText("02:30");
  await page.screenshot({ path: "e2e/screenshots/schedule-cron.png", fullPage: true });

  await page.getByRole("button", { name: "Next: Define Query" }).click();
  await setEditorText(page, `SELECT id AS "userId", email FROM customers WHERE id IS NOT NULL`);
  await page.getByRole("button", { name: "Next: Destinations" }).click();
  await page.getByLabel(new RegExp(destination)).check();
  await page.getByRole("button", { name: "Enable" }).click();

  const row = page.getByTestId("sync-row").filter({ hasText: name });
  await expect(row).toContainText("Cron 30 2 * * * (Europe/Berlin)");
  await row.getByRole("link", { name: "Edit" }).click();
  const summary = page.getByTestId("schedule-summary");
  await expect(summary).toContainText("Cron 30 2 * * * in Europe/Berlin time.");
  // The next run is at 02:30 Berlin time, shown in UTC and in the schedule's own zone.
  await expect(summary).toContainText(/Next run: .* UTC \(.*, 02:30 Europe\/Berlin\)/);
  // The wizard opens on what was saved.
  await expect(page.getByRole("radio", { name: "Cron expression" })).toBeChecked();
  await expect(page.getByRole("textbox", { name: "Cron expression" })).toHaveValue("30 2 * * *");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await page.screenshot({ path: "e2e/screenshots/schedule-cron-sync-page.png", fullPage: true });
  // Not due for hours: nothing was sent.
  expect(servers.receiver.requests).toHaveLength(0);
});
