// The engine end to end: a real PostgreSQL source, a real HTTP receiver as the destination.
import { describe, expect, it } from "vitest";
import { useEngineFixture } from "./support/use-engine-fixture";

const services = async () => ({
  ...(await import("../lib/syncs/create-sync")),
});

const fixture = useEngineFixture(`
  CREATE TABLE users (id int PRIMARY KEY, email text, first_name text, plan text, "cart.total" numeric, updated_at timestamptz NOT NULL);
  INSERT INTO users VALUES
    (1, 'ada@example.com', 'Ada', 'pro', 10.5, now() - interval '1 day'),
    (2, 'grace@example.com', 'Grace', 'free', NULL, now() - interval '1 day'),
    (3, 'linus@example.com', 'Linus', 'pro', 3, now() - interval '1 day');
  CREATE TABLE events (id int PRIMARY KEY, user_id int, event text, amount numeric, occurred_at timestamp NOT NULL);
  INSERT INTO events VALUES
    (1, 1, 'Plan Upgraded', 49.99, '2026-11-01 10:00:00'),
    (2, 2, NULL, 0, '2026-11-02 11:00:00'),
    (3, NULL, 'Invoice Paid', 20, '2026-11-03 12:00:00'),
    (4, 3, 'Invoice Paid', 15, '2026-11-04 13:30:00');
`);

const runNow = (syncId: string) => fixture.runNow(syncId);

const batchCalls = () => fixture.receiver.requests.flatMap((request) => (request.json as { batch: Record<string, unknown>[] }).batch);

describe("identify sync from PostgreSQL to an HTTP batch destination", () => {
  let syncId: string;

  it("sends every row as an identify call on the first run (last_sync_time 0)", async () => {
    const { createSync } = await services();
    syncId = (
      await createSync({
        sourceId: fixture.sourceId,
        databaseId: fixture.databaseId,
        name: "Users",
        type: "identify",
        query: `SELECT id AS userId, email, first_name, plan, "cart.total" FROM users WHERE EXTRACT(EPOCH FROM updated_at) > {{last_sync_time}} ORDER BY id`,
        frequencyMinutes: 15,
        destinationIds: [fixture.destinationId],
      })
    ).id;
    const run = await runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", lastSyncTime: 0, rowsRead: 3, rowsSucceeded: 3, rowsFailed: 0, error: null });
    expect(fixture.receiver.requests).toHaveLength(1);
    const [request] = fixture.receiver.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/batch");
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("wk_test:").toString("base64")}`);
    expect(request.json).toEqual({
      sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      batch: [
        { type: "identify", userId: "1", traits: { email: "ada@example.com", first_name: "Ada", plan: "pro", cart: { total: 10.5 } }, messageId: expect.any(String) },
        { type: "identify", userId: "2", traits: { email: "grace@example.com", first_name: "Grace", plan: "free", cart: { total: null } }, messageId: expect.any(String) },
        { type: "identify", userId: "3", traits: { email: "linus@example.com", first_name: "Linus", plan: "pro", cart: { total: 3 } }, messageId: expect.any(String) },
      ],
    });
    const ids = batchCalls().map((call) => call.messageId);
    expect(new Set(ids).size).toBe(3);
    const sync = await fixture.app.sync.findUniqueOrThrow({ where: { id: syncId } });
    expect(sync.lastSyncTime).toBe(Math.floor(run.startedAt.getTime() / 1000));
  });

  it("sends only inserted and updated rows on the next run", async () => {
    const before = await fixture.app.sync.findUniqueOrThrow({ where: { id: syncId } });
    await fixture.sql(`
      INSERT INTO users VALUES (4, 'margaret@example.com', 'Margaret', 'pro', 1, now() + interval '2 seconds');
      UPDATE users SET plan = 'enterprise', updated_at = now() + interval '2 seconds' WHERE id = 2;
    `);
    const run = await runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", lastSyncTime: before.lastSyncTime, rowsRead: 2, rowsSucceeded: 2 });
    expect(batchCalls().map((call) => [call.userId, (call.traits as { plan: string }).plan])).toEqual([
      ["2", "enterprise"],
      ["4", "pro"],
    ]);
  });

  it("gives a re-sent unchanged row the same messageId", async () => {
    const { createSync } = await services();
    const id = (
      await createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, name: "All users", type: "identify", query: "SELECT id AS userId, email FROM users ORDER BY id", frequencyMinutes: 60, destinationIds: [fixture.destinationId] })
    ).id;
    await runNow(id);
    const first = batchCalls().map((call) => call.messageId);
    fixture.receiver.reset();
    await runNow(id);
    expect(batchCalls().map((call) => call.messageId)).toEqual(first);
  });
});

describe("track sync with bad rows", () => {
  it("records rows without event or user as errors and still delivers the good ones", async () => {
    const { createSync } = await services();
    const sync = await createSync({
      sourceId: fixture.sourceId,
      databaseId: fixture.databaseId,
      name: "Events",
      type: "track",
      query: "SELECT user_id AS userId, event, amount, occurred_at AS timestamp FROM events ORDER BY id",
      frequencyMinutes: 60,
      destinationIds: [fixture.destinationId],
    });
    const run = await runNow(sync.id);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 4, rowsSucceeded: 2, rowsFailed: 2 });
    expect(batchCalls()).toEqual([
      { type: "track", userId: "1", event: "Plan Upgraded", properties: { amount: 49.99 }, timestamp: "2026-11-01T10:00:00.000Z", messageId: expect.any(String) },
      { type: "track", userId: "3", event: "Invoice Paid", properties: { amount: 15 }, timestamp: "2026-11-04T13:30:00.000Z", messageId: expect.any(String) },
    ]);
    const errors = await fixture.app.runError.findMany({ where: { runId: run.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((error) => [error.rowNumber, error.reason])).toEqual([
      [2, "A track call needs an event column value (the event name)."],
      [3, "A track call needs a userId or an anonymousId column value."],
    ]);
    expect(JSON.parse(errors[0].rowJson)).toMatchObject({ userid: 2, event: null });
  });
});

describe("destination failures", () => {
  const oneRowSync = async (name: string) => {
    const { createSync } = await services();
    return (await createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, name, type: "identify", query: "SELECT 42 AS userId, 'x@example.com' AS email", frequencyMinutes: 60, destinationIds: [fixture.destinationId] })).id;
  };

  it("retries a 500 and succeeds when the fixture.receiver recovers", async () => {
    fixture.receiver.respondWith((_request, index) => (index === 0 ? { status: 500, body: "busy" } : { status: 200, body: { success: true } }));
    const run = await runNow(await oneRowSync("Retry"));
    expect(fixture.receiver.requests).toHaveLength(2);
    expect(fixture.receiver.requests[1].body).toBe(fixture.receiver.requests[0].body.replace(/"sentAt":"[^"]+"/, fixture.receiver.requests[1].body.match(/"sentAt":"[^"]+"/)![0]));
    expect(run).toMatchObject({ status: "succeeded", rowsSucceeded: 1, rowsFailed: 0 });
  });

  it("turns a 400 into per-row errors without retrying", async () => {
    fixture.receiver.respondWith(() => ({ status: 400, body: { error: "invalid write key" } }));
    const run = await runNow(await oneRowSync("Refused"));
    expect(fixture.receiver.requests).toHaveLength(1);
    expect(run).toMatchObject({ status: "succeeded", rowsSucceeded: 0, rowsFailed: 1 });
    const [error] = await fixture.app.runError.findMany({ where: { runId: run.id } });
    expect(error.reason).toContain("Receiver: ");
    expect(error.reason).toContain("HTTP 400");
    expect(error.reason).toContain("invalid write key");
  });
});

describe("a result of several pages", () => {
  it("sends every good row once, in order, as the compiled mapper writes it, and records the bad rows with their values", async () => {
    const { compileRowMapper, mapToJson } = await import("../lib/engine/stages/map");
    const { planColumns } = await import("../lib/engine/plan-columns");
    const { createSync } = await services();
    // 4,500 rows: three pages of up to 2,000. Every 1,000th row has no userId (an error row); every
    // row has a JSON object, a decimal and a timestamp.
    const query = `SELECT CASE WHEN g % 1000 = 0 THEN NULL ELSE 'u' || g END AS "userId", g AS n, 'user' || g || '@example.com' AS email,
      json_build_object('plan', 'pro', 'seats', g % 7) AS account, (g / 100.0)::numeric(10,2) AS score, timestamp '2026-01-01' + g * interval '1 minute' AS seen_at
      FROM generate_series(1, 4500) AS g ORDER BY g`;
    const syncId = (await createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, name: "Many pages", type: "identify", query, frequencyMinutes: 60, destinationIds: [fixture.destinationId] })).id;

    const run = await runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 4500, rowsSucceeded: 4496, rowsFailed: 4 });

    const calls = batchCalls();
    expect(calls.map((call) => (call.traits as { n: number }).n)).toEqual(Array.from({ length: 4500 }, (_, i) => i + 1).filter((n) => n % 1000 !== 0));
    // A call from the middle of the second page is exactly what the compiled mapper makes of its row.
    const columns = ["userId", "n", "email", "account", "score", "seen_at"];
    const mapper = compileRowMapper("identify", planColumns("identify", columns), syncId);
    const expected = mapToJson(mapper, [`u2345`, 2345, "user2345@example.com", { plan: "pro", seats: 2345 % 7 }, 23.45, "2026-01-02T15:05:00.000Z"]);
    expect(expected.ok && JSON.parse(expected.json)).toEqual(calls[2345 - 1 - 2]);
    expect(new Set(calls.map((call) => call.messageId)).size).toBe(4496);

    const errors = await fixture.app.runError.findMany({ where: { runId: run.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((error) => error.rowNumber)).toEqual([1000, 2000, 3000, 4000]);
    expect(JSON.parse(errors[2].rowJson)).toMatchObject({ userId: null, n: 3000, email: "user3000@example.com", account: { plan: "pro", seats: 3000 % 7 } });
    expect(errors[2].reason).toMatch(/userId or an anonymousId/);
  });
});
