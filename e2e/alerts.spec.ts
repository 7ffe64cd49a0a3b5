import { expect, test } from "@playwright/test";
import { startSmtpReceiver, type SmtpReceiver } from "../test/support/smtp-receiver";
import { addHttpBatchDestination, addPostgresSourceWithDatabase, createSync, unique } from "./support/flows";
import { useSourceDbAndReceiver } from "./support/servers";
import { signIn } from "./support/session";

const servers = useSourceDbAndReceiver((db) => db.query(`create table alert_people (id text); insert into alert_people values ('u-1'), ('u-2');`));
let smtp: SmtpReceiver;
test.beforeAll(async () => {
  smtp = await startSmtpReceiver("alerts", "e2e-smtp-Secret-9876");
});
test.afterAll(() => smtp?.stop());

test("Settings → Alerts: SMTP server, channels, Send test alert, and the failure email", async ({ page }) => {
  test.setTimeout(120_000);
  const { db, receiver } = servers;
  await signIn(page);
  await page.goto("/settings");
  const alerts = page.locator("#alerts");
  await expect(alerts.getByRole("heading", { name: "Alerts", exact: true })).toBeVisible();

  // The SMTP server; its password is never shown again, only "•••• set".
  await alerts.getByLabel("SMTP host").fill("127.0.0.1");
  await alerts.getByLabel("Port", { exact: true }).fill(String(smtp.port));
  await alerts.getByLabel("User", { exact: true }).fill(smtp.user);
  await alerts.getByLabel("Password", { exact: true }).fill(smtp.password);
  await alerts.getByLabel("From address").fill("tidewater@example.com");
  await alerts.getByRole("button", { name: "Save SMTP server" }).click();
  await expect(alerts.getByText("SMTP server saved.")).toBeVisible();
  await page.reload();
  await expect(page.locator("#alerts").getByText("•••• set — leave empty to keep it")).toBeVisible();
  expect(await page.content()).not.toContain(smtp.password);
  const api = await page.request.get("/api/v1/alerts/settings");
  expect(api.ok()).toBe(true);
  expect(await api.text()).not.toContain(smtp.password);
  expect(await api.json()).toMatchObject({ smtp: { host: "127.0.0.1", passwordSet: true } });

  // A field the server refuses is named.
  await alerts.getByLabel("Kind", { exact: true }).selectOption("webhook");
  await alerts.getByLabel("Channel name").fill("Pager");
  await alerts.getByLabel("Webhook URL").fill(`${receiver.url}/alerts`);
  await alerts.getByLabel("Signing secret").fill("short");
  await alerts.getByRole("button", { name: "Add channel" }).click();
  await expect(alerts.getByText("Use at least 16 characters")).toBeVisible();
  await alerts.getByLabel("Signing secret").fill("e2e-signing-secret-0123456789");
  await alerts.getByRole("button", { name: "Add channel" }).click();
  await expect(alerts.getByTestId("alert-channels").getByText("Pager")).toBeVisible();

  await alerts.getByLabel("Kind", { exact: true }).selectOption("email");
  await alerts.getByLabel("Channel name").fill("Data team");
  await alerts.getByLabel("Email addresses").fill("data@example.com");
  await alerts.getByRole("button", { name: "Add channel" }).click();
  const email = alerts.getByTestId("alert-channels").locator("tr", { hasText: "Data team" });
  await expect(email).toBeVisible();

  // Send test alert: through the real SMTP server.
  await email.getByRole("button", { name: "Send test alert" }).click();
  await expect(email.getByRole("status")).toHaveText("Test alert sent.");
  await expect.poll(() => smtp.mails.map((mail) => mail.subject)).toContain("[Tidewater] Test alert");
  await alerts.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/screenshots/settings-alerts.png", fullPage: true });

  // A sync whose destination refuses every row: the failure email names the sync, the run and the counts.
  receiver.respondWith(() => ({ status: 400, body: { error: "refused" } }));
  const destination = unique("Alert dest");
  await addHttpBatchDestination(page, destination, receiver.url);
  const source = unique("Alert source");
  await addPostgresSourceWithDatabase(page, db, source);
  const name = unique("Alerting");
  await createSync(page, { name, destination, query: `SELECT id AS "userId" FROM alert_people` });
  await expect.poll(() => smtp.mails.filter((mail) => mail.subject?.includes(`"${name}" is failing`)).length, { timeout: 60_000 }).toBe(1);
  const mail = smtp.mails.find((m) => m.subject?.includes(`"${name}" is failing`))!;
  expect(mail.text).toContain("Rows read 2");
  const runUrl = /http:\/\/127\.0\.0\.1:\d+\/runs\/\w+/.exec(mail.text ?? "")![0];

  // The run page lists the alert it set off, per channel.
  await page.goto(runUrl);
  await expect(page.getByTestId("run-alerts")).toContainText("Data team");
  await expect(page.getByTestId("run-alerts")).toContainText("Pager");

  await page.setContent(String(mail.html));
  await expect(page.getByText(`Sync "${name}" needs attention.`)).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/alert-email.png", fullPage: true });
});
