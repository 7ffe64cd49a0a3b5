// Alerts end to end: real runs against a real PostgreSQL source, a real SMTP server receiving the
// email, and local HTTP receivers playing Slack and the signed webhook.
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db";
import { startEngineFixture, type EngineFixture } from "../support/engine-fixture";
import { startReceiver, type Receiver } from "../support/receiver";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp-receiver";

const SIGNING_SECRET = "alert-signing-secret-0123456789";
let fixture: EngineFixture;
let app: Db;
let smtp: SmtpReceiver;
let slack: Receiver;
let hook: Receiver;
let alerts: typeof import("../../lib/alerts/evaluate-alerts");

beforeAll(async () => {
  [fixture, smtp, slack, hook] = await Promise.all([startEngineFixture(), startSmtpReceiver(), startReceiver(), startReceiver()]);
  app = fixture.app;
  alerts = await import("../../lib/alerts/evaluate-alerts");
  const { updateWorkspaceAlerts } = await import("../../lib/alerts/alert-settings");
  const { createAlertChannel } = await import("../../lib/alerts/alert-channels");
  await updateWorkspaceAlerts({ smtp: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user, password: smtp.password, from: "tidewater@example.com" } });
  await createAlertChannel({ name: "Data team", config: { kind: "email", to: ["data@example.com"] } });
  await createAlertChannel({ name: "#data-alerts", config: { kind: "slack", url: `${slack.url}/services/T000/B000/XXXX` } });
  await createAlertChannel({ name: "Pager", config: { kind: "webhook", url: `${hook.url}/alerts`, signingSecret: SIGNING_SECRET } });
});

afterAll(async () => {
  await alerts?.alertsSettled();
  await Promise.all([fixture?.stop(), smtp?.stop(), slack?.stop(), hook?.stop()]);
});

beforeEach(() => {
  fixture.receiver.reset();
});

let tables = 0;
/** A fresh table of `rows` people and a sync reading it (identify; a null user_id is an invalid row). */
async function newSync(rows: number, overrides: Record<string, unknown> = {}) {
  const table = `people_${++tables}`;
  await fixture.sql(`CREATE TABLE ${table} AS SELECT g AS user_id, 'p' || g || '@example.com' AS email FROM generate_series(1, ${rows}) g`);
  const { createSync } = await import("../../lib/syncs/create-sync");
  const sync = await createSync({
    sourceId: fixture.sourceId,
    databaseId: fixture.databaseId,
    name: `Sync ${table}`,
    type: "identify",
    query: `SELECT user_id AS "userId", email FROM ${table}`,
    frequencyMinutes: 60,
    destinationIds: [fixture.destinationId],
  });
  if (Object.keys(overrides).length) {
    const { updateSyncAlertRules } = await import("../../lib/alerts/alert-settings");
    await updateSyncAlertRules(sync.id, overrides);
  }
  return { sync, table };
}

async function run(syncId: string) {
  const ended = await fixture.runNow(syncId);
  await alerts.alertsSettled();
  return ended;
}

type Hook = { event: string; sync: { id: string; name: string }; run: { id: string; url: string; rowsRead: number; rowsFailed: number } | null; reasons: { rule: string; text: string }[] };
const hooksFor = (syncId: string) => hook.requests.map((request) => request.json as Hook).filter((body) => body.sync.id === syncId);
const slackFor = (name: string) => slack.requests.map((request) => (request.json as { text: string }).text).filter((text) => text.includes(`"${name}"`));
const mailsFor = (name: string) => smtp.mails.filter((mail) => mail.subject?.includes(`"${name}"`));

describe("failing → recovered", () => {
  it("sends exactly two messages per channel over five runs (fail, fail, fail, ok, ok)", async () => {
    const { sync, table } = await newSync(10);
    await fixture.sql(`ALTER TABLE ${table} RENAME TO ${table}_away`);
    const failed = [await run(sync.id), await run(sync.id), await run(sync.id)];
    expect(failed.map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
    await fixture.sql(`ALTER TABLE ${table}_away RENAME TO ${table}`);
    const ok = [await run(sync.id), await run(sync.id)];
    expect(ok.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);

    // Email, through the real SMTP server: the failure, then the recovery.
    const mails = mailsFor(sync.name);
    expect(mails.map((mail) => mail.subject)).toEqual([`[Tidewater] Sync "${sync.name}" is failing: runFailed`, `[Tidewater] Sync "${sync.name}" recovered`]);
    expect(mails[0].to).toBeDefined();
    expect(mails[0].text).toContain(failed[0].id);
    expect(mails[0].text).toContain(`/runs/${failed[0].id}`);
    expect(mails[0].text).toMatch(/The run failed: .*does not exist/);
    expect(mails[0].html).toContain(`/runs/${failed[0].id}`);
    expect(mails[1].text).toContain(ok[0].id);
    expect(mails[1].text).toContain("Rows read 10, sent 10, failed 0");

    // Slack and the webhook: the same two.
    expect(slackFor(sync.name)).toHaveLength(2);
    const hooks = hooksFor(sync.id);
    expect(hooks.map((body) => [body.event, body.run?.id])).toEqual([
      ["alert.failing", failed[0].id],
      ["alert.recovered", ok[0].id],
    ]);

    // History, kept with the runs.
    const { listAlertEvents } = await import("../../lib/alerts/list-alert-events");
    expect((await listAlertEvents({ runId: failed[0].id })).map((event) => [event.kind, event.channelKind, event.status]).sort()).toEqual([
      ["failing", "email", "sent"],
      ["failing", "slack", "sent"],
      ["failing", "webhook", "sent"],
    ]);
    expect(await listAlertEvents({ runId: failed[1].id })).toEqual([]);
    expect(await listAlertEvents({ runId: ok[1].id })).toEqual([]);
  });

  it("signs the webhook: HMAC-SHA256 of `<t>.<body>` with the channel's secret", async () => {
    const request = hook.requests.at(-1)!;
    const header = String(request.headers["x-tidewater-signature"]);
    const { t, v1 } = Object.fromEntries(header.split(",").map((part) => part.split("=")));
    const expected = createHmac("sha256", SIGNING_SECRET).update(`${t}.${request.body}`).digest("hex");
    expect(timingSafeEqual(Buffer.from(v1, "hex"), Buffer.from(expected, "hex"))).toBe(true);
    expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(300);
    // A tampered body no longer matches.
    expect(createHmac("sha256", SIGNING_SECRET).update(`${t}.${request.body} `).digest("hex")).not.toBe(v1);
  });
});

describe("rows read against the median of the last successful runs", () => {
  it("alerts on a 90 % drop, and not on small changes", async () => {
    const { sync, table } = await newSync(100);
    for (let i = 0; i < 3; i++) expect((await run(sync.id)).rowsRead).toBe(100);
    await fixture.sql(`DELETE FROM ${table} WHERE user_id > 80`); // 20 % fewer: within 90 %
    await run(sync.id);
    expect(hooksFor(sync.id)).toEqual([]);
    await fixture.sql(`DELETE FROM ${table} WHERE user_id > 5`); // 5 rows: 95 % below the median (100)
    const dropped = await run(sync.id);
    const [alert] = hooksFor(sync.id);
    expect(alert.event).toBe("alert.failing");
    expect(alert.run?.id).toBe(dropped.id);
    expect(alert.reasons.map((reason) => reason.rule)).toEqual(["rowsReadChange"]);
    expect(alert.reasons[0].text).toContain("95 % fewer than the median of the last 4 successful runs (100)");
    expect(mailsFor(sync.name)[0].text).toContain("Rows read 5");
  });
});

describe("failed rows over a share of rows read", () => {
  it("alerts at 10 % failed against the 5 % default; a sync's own 20 % threshold overrides it", async () => {
    const { sync, table } = await newSync(10);
    await fixture.sql(`UPDATE ${table} SET user_id = NULL WHERE user_id = 1`); // 1 of 10 rows has no userId
    const ended = await run(sync.id);
    expect([ended.rowsRead, ended.rowsFailed]).toEqual([10, 1]);
    const [alert] = hooksFor(sync.id);
    expect(alert.reasons).toEqual([{ rule: "failedRowShare", text: "1 of 10 rows failed (10 %, over 5 %)." }]);

    const lenient = await newSync(10, { failedRowShare: { enabled: true, percent: 20 } });
    await fixture.sql(`UPDATE ${lenient.table} SET user_id = NULL WHERE user_id = 1`);
    expect((await run(lenient.sync.id)).rowsFailed).toBe(1);
    expect(hooksFor(lenient.sync.id)).toEqual([]);
  });
});

describe("a run that takes too long", () => {
  it("alerts when the run lasts longer than the sync's limit", async () => {
    const { sync } = await newSync(5, { duration: { enabled: true, minutes: 0.005 } }); // 0.3 s
    fixture.receiver.respondWith(async () => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      return { status: 200, body: {} };
    });
    const ended = await run(sync.id);
    expect(ended.status).toBe("succeeded");
    const [alert] = hooksFor(sync.id);
    expect(alert.reasons.map((reason) => reason.rule)).toEqual(["duration"]);
    expect(alert.reasons[0].text).toMatch(/^The run took 0\.\d+ minutes, longer than 0\.005\.$/);

    fixture.receiver.reset(); // fast again: recovered
    await run(sync.id);
    expect(hooksFor(sync.id).map((body) => body.event)).toEqual(["alert.failing", "alert.recovered"]);
  });
});

describe("runs skipped in a row", () => {
  it("alerts once the third scheduled run in a row is skipped while one is going", async () => {
    const { sync } = await newSync(5);
    fixture.receiver.respondWith(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return { status: 200, body: {} };
    });
    const { startSyncRun } = await import("../../lib/engine/run-sync");
    const going = await startSyncRun(sync.id, "manual", app);
    const skipped = [];
    for (let i = 0; i < 2; i++) skipped.push(await startSyncRun(sync.id, "schedule", app));
    await alerts.alertsSettled();
    expect(hooksFor(sync.id)).toEqual([]); // two skipped: under the default of three
    skipped.push(await startSyncRun(sync.id, "schedule", app));
    await alerts.alertsSettled();
    expect(skipped.map((s) => s.status)).toEqual(["skipped", "skipped", "skipped"]);
    const [alert] = hooksFor(sync.id);
    expect(alert.run?.id).toBe(skipped[2].runId);
    expect(alert.reasons.map((reason) => reason.rule)).toEqual(["skippedInARow"]);
    expect(alert.reasons[0].text).toContain("3 runs in a row were skipped");
    // A fourth skip while still failing: nothing more.
    await startSyncRun(sync.id, "schedule", app);
    await alerts.alertsSettled();
    expect(hooksFor(sync.id)).toHaveLength(1);
    await going.done;
    await alerts.alertsSettled();
    expect(hooksFor(sync.id).map((body) => body.event)).toEqual(["alert.failing", "alert.recovered"]);
  });
});

describe("channels", () => {
  it("Send test alert reaches each channel, and a failure is recorded with its reason", async () => {
    const { sendTestAlert } = await import("../../lib/alerts/send-test-alert");
    const channels = await app.alertChannel.findMany({ where: { enabled: true } });
    const before = smtp.mails.length;
    for (const channel of channels) expect(await sendTestAlert(channel.id)).toMatchObject({ status: "sent", error: null });
    expect(smtp.mails.slice(before).map((mail) => mail.subject)).toEqual(["[Tidewater] Test alert"]);
    hook.respondWith(() => ({ status: 403, body: "nope" }));
    const webhook = channels.find((channel) => channel.kind === "webhook")!;
    expect(await sendTestAlert(webhook.id)).toMatchObject({ status: "failed", error: expect.stringContaining("403") });
    hook.respondWith(() => ({ status: 200, body: {} }));
  });

  it("never shows the SMTP password: not in what Settings reads, not in history, only encrypted at rest", async () => {
    const { getWorkspaceAlerts } = await import("../../lib/alerts/alert-settings");
    const { listAlertChannels } = await import("../../lib/alerts/alert-channels");
    const { listAlertEvents } = await import("../../lib/alerts/list-alert-events");
    const shown = JSON.stringify([await getWorkspaceAlerts(), await listAlertChannels(), await listAlertEvents({ limit: 200 })]);
    expect(shown).toContain('"passwordSet":true');
    expect(shown).not.toContain(smtp.password);
    expect(shown).not.toContain("/services/T000/B000/XXXX"); // Slack's URL is a secret too
    const file = process.env.DATABASE_URL!.slice("file:".length);
    const stored = readFileSync(file).toString("latin1") + readFileSync(`${file}-wal`).toString("latin1");
    expect(stored).not.toContain(smtp.password);
    expect(stored).not.toContain(SIGNING_SECRET);
  });
});

describe("audit log", () => {
  it("records every change of alert settings, rules and channels with its diff, and never a secret", async () => {
    const { updateWorkspaceAlerts, updateSyncAlertRules } = await import("../../lib/alerts/alert-settings");
    const { createAlertChannel, updateAlertChannel, deleteAlertChannel } = await import("../../lib/alerts/alert-channels");
    const newPassword = "rotated-smtp-Passw0rd-4321";
    const newSecret = "rotated-signing-secret-9876543210";
    const { sync } = await newSync(1);
    await updateWorkspaceAlerts({ rules: { failedRowShare: { enabled: true, percent: 7 } } });
    await updateWorkspaceAlerts({ smtp: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user, password: newPassword, from: "tidewater@example.com" } });
    await updateSyncAlertRules(sync.id, { duration: { enabled: true, minutes: 15 } });
    const pager = await createAlertChannel({ name: "Pager 2", config: { kind: "webhook", url: `${hook.url}/alerts-2`, signingSecret: SIGNING_SECRET } });
    await updateAlertChannel(pager.id, { name: "Pager two", config: { kind: "webhook", url: `${hook.url}/alerts-2`, signingSecret: newSecret } });
    await deleteAlertChannel(pager.id);

    const entries = await app.auditEvent.findMany({ where: { action: { startsWith: "alert_" } }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    const diffs = entries.map((entry) => ({ action: entry.action, resource: entry.resourceName, diff: JSON.parse(entry.diffJson) }));
    expect(diffs).toContainEqual(expect.objectContaining({ action: "alert_rules.update", diff: expect.objectContaining({ "rules.failedRowShare.percent": { before: 5, after: 7 } }) }));
    expect(diffs).toContainEqual(expect.objectContaining({ action: "alert_rules.update", diff: expect.objectContaining({ smtpPassword: { before: "•••• set", after: "•••• changed" } }) }));
    expect(diffs).toContainEqual({ action: "alert_rules.update", resource: sync.name, diff: { "alertRules.duration.enabled": { before: null, after: true }, "alertRules.duration.minutes": { before: null, after: 15 } } });
    expect(diffs).toContainEqual(expect.objectContaining({ action: "alert_channel.update", diff: expect.objectContaining({ name: { before: "Pager 2", after: "Pager two" }, "config.signingSecret": { before: "•••• set", after: "•••• changed" } }) }));
    expect(diffs.map((entry) => entry.action)).toEqual(expect.arrayContaining(["alert_channel.create", "alert_channel.delete"]));
    // Every stored column of every entry, for every secret this file set (the Slack URL is one).
    const raw = JSON.stringify(await app.auditEvent.findMany());
    for (const secret of [smtp.password, newPassword, SIGNING_SECRET, newSecret, "/services/T000/B000/XXXX"]) expect(raw).not.toContain(secret);
  });
});
