// A mixed sync end to end: one PostgreSQL result whose type column picks each row's call, sent to a
// real HTTP receiver. Each call must be exactly what a sync of that one type sends for the same row.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { deterministicMessageId } from "../lib/engine/message-id";
import { startEngineFixture, type EngineFixture } from "./support/engine-fixture";
import type { Receiver } from "./support/receiver";

let fixture: EngineFixture;
let receiver: Receiver;
let app: Db;

beforeAll(async () => {
  fixture = await startEngineFixture();
  ({ receiver, app } = fixture);
  await fixture.sql(`
    CREATE TABLE activity (id int PRIMARY KEY, kind text, user_id text, event text, group_id text, name text, plan text, amount numeric, seen_at timestamp NOT NULL);
    INSERT INTO activity VALUES
      (1, 'identify', 'u1', NULL, NULL, 'Ada', 'pro', NULL, '2026-11-01 10:00:00'),
      (2, 'track', 'u1', 'Order Completed', NULL, NULL, 'pro', 49.99, '2026-11-01 10:05:00'),
      (3, 'group', 'u1', NULL, 'acme', 'Acme Inc', 'enterprise', 120, '2026-11-01 10:06:00'),
      (4, 'foo', 'u2', 'Clicked', NULL, NULL, NULL, NULL, '2026-11-01 10:07:00'),
      (5, 'identify', 'u2', NULL, NULL, 'Grace "G" Hopper', 'free', NULL, '2026-11-01 10:08:00'),
      (6, 'track', 'u2', NULL, NULL, NULL, NULL, 5, '2026-11-01 10:09:00'),
      (7, NULL, 'u3', 'Signed Up', NULL, NULL, NULL, NULL, '2026-11-01 10:10:00'),
      (8, ' Track', 'u3', 'Signed Up', NULL, NULL, 'free', 0, '2026-11-01 10:11:00');
  `);
});

afterAll(() => fixture?.stop());
beforeEach(() => receiver.reset());

const COLUMNS = `user_id AS "userId", event, group_id AS "groupId", name, plan, amount, seen_at AS "timestamp"`;
const MIXED_QUERY = `SELECT kind AS "type", ${COLUMNS} FROM activity ORDER BY id`;
// The same rows of one type, without the type column: what a single-type sync of them reads.
const singleQuery = (type: string) => `SELECT ${COLUMNS} FROM activity WHERE lower(trim(kind)) = '${type}' ORDER BY id`;

async function createSync(name: string, type: string, query: string, fields: Record<string, unknown> = {}) {
  const { createSync } = await import("../lib/syncs/create-sync");
  const sync = await createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, name, type: type as "mixed", query, frequencyMinutes: 60, destinationIds: [fixture.destinationId], ...fields });
  return sync.id;
}

/** Each call of the receiver's requests as the exact text it was sent as, in order. */
function sentCalls(): string[] {
  const calls: string[] = [];
  for (const { body } of receiver.requests) {
    expect(body.startsWith('{"batch":[')).toBe(true);
    let depth = 0;
    let start = -1;
    let inString = false;
    for (let i = '{"batch":['.length; i < body.length; i++) {
      const char = body[i];
      if (inString) {
        if (char === "\\") i++;
        else if (char === '"') inString = false;
        continue;
      }
      if (char === '"') inString = true;
      else if (char === "{") {
        if (depth++ === 0) start = i;
      } else if (char === "}") {
        if (--depth === 0) calls.push(body.slice(start, i + 1));
      } else if (char === "]" && depth === 0) break;
    }
  }
  return calls;
}

const MESSAGE_ID = /,"messageId":"([0-9a-f-]{36})"\}$/;

/** A call without its messageId, as the messageId is derived from it (message-id.ts). */
const withoutMessageId = (call: string) => call.replace(MESSAGE_ID, "}");

describe("a mixed sync from one PostgreSQL result", () => {
  let mixedSyncId: string;
  let mixedRunId: string;
  let mixedCalls: string[];

  it("sends identify, track and group calls, one per good row, and records the bad rows with their reasons", async () => {
    const { createDestination } = await import("../lib/destinations/create-destination");
    const inboxId = (await createDestination({ name: "Inbox", kind: "inbox", config: {} })).id;
    mixedSyncId = await createSync("Everything", "mixed", MIXED_QUERY, { destinationIds: [fixture.destinationId, inboxId] });
    const run = await fixture.runNow(mixedSyncId);
    mixedRunId = run.id;
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 8, rowsSucceeded: 5, rowsFailed: 3, error: null });
    mixedCalls = sentCalls();
    const parsed = mixedCalls.map((call) => JSON.parse(call) as Record<string, unknown>);
    expect(parsed.map((call) => [call.type, call.userId])).toEqual([
      ["identify", "u1"],
      ["track", "u1"],
      ["group", "u1"],
      ["identify", "u2"],
      ["track", "u3"],
    ]);
    // The type column is not sent: not as a trait, not as a property.
    for (const call of mixedCalls) expect(call.match(/"type":/g)).toHaveLength(1);
    expect(parsed[2]).toEqual({ type: "group", userId: "u1", groupId: "acme", traits: { event: null, name: "Acme Inc", plan: "enterprise", amount: 120 }, timestamp: "2026-11-01T10:06:00.000Z", messageId: expect.any(String) });

    const errors = await app.runError.findMany({ where: { runId: run.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((error) => [error.rowNumber, error.reason])).toEqual([
      [4, 'Unknown type "foo": use identify, track, group, page, screen or alias.'],
      [6, "A track call needs an event column value (the event name)."],
      [7, "This row has no type: its type column must name the call (identify, track, group, page, screen or alias)."],
    ]);

    // Data In keeps each call's own type, for the run's sample and for the inbox destination.
    const sample = await app.runCall.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    expect(sample.map((call) => [call.type, call.payload])).toEqual(mixedCalls.map((call) => [JSON.parse(call).type, call]));
    const inbox = await app.inboxMessage.findMany({ where: { destinationId: inboxId } });
    expect(inbox.map((message) => message.type).sort()).toEqual(["group", "identify", "identify", "track", "track"]);
    expect(inbox.map((message) => message.payload).sort()).toEqual([...mixedCalls].sort());
  });

  it.each(["identify", "track", "group"])("sends each %s call byte for byte as a sync of that one type sends the same row", async (type) => {
    const singleSyncId = await createSync(`Only ${type}`, type, singleQuery(type));
    const run = await fixture.runNow(singleSyncId);
    expect(run.status).toBe("succeeded");
    const single = sentCalls();
    const mixed = mixedCalls.filter((call) => (JSON.parse(call) as { type: string }).type === type);
    expect(single.length).toBeGreaterThan(0);
    expect(mixed).toHaveLength(single.length);
    single.forEach((singleCall, index) => {
      const body = withoutMessageId(singleCall);
      // Both messageIds are derived from these same bytes, each with its own sync's id (so they differ, as any two syncs' do).
      expect(singleCall).toBe(`${body.slice(0, -1)},"messageId":"${deterministicMessageId(singleSyncId, body)}"}`);
      expect(mixed[index]).toBe(`${body.slice(0, -1)},"messageId":"${deterministicMessageId(mixedSyncId, body)}"}`);
    });
  });

  it("lists the unknown type row with its reason and its type in Download errors (CSV)", async () => {
    const { streamErrorsCsv } = await import("../lib/runs/stream-errors-csv");
    const text = await new Response(await streamErrorsCsv(mixedRunId)).text();
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0])).toEqual(["row", "reason", "type", "userId", "event", "groupId", "name", "plan", "amount", "timestamp"]);
    expect(records[0]).toMatchObject({ row: "4", reason: 'Unknown type "foo": use identify, track, group, page, screen or alias.', type: "foo", userId: "u2", event: "Clicked" });
    expect(records.map((record) => [record.row, record.type])).toEqual([
      ["4", "foo"],
      ["6", "track"],
      ["7", ""],
    ]);
  });

  it("shows each row's call type and call in Run Query's preview, and sends nothing", async () => {
    const { previewQuery } = await import("../lib/queries/preview-query");
    const preview = await previewQuery({ databaseId: fixture.databaseId, type: "mixed", query: MIXED_QUERY, syncId: mixedSyncId });
    expect(preview.rows).toHaveLength(8);
    expect(preview.calls.map(({ row, call }) => [row, call.type])).toEqual([
      [1, "identify"],
      [2, "track"],
      [3, "group"],
      [5, "identify"],
      [8, "track"],
    ]);
    // The preview's calls are the ones the run sent (same sync id, so the same messageIds).
    expect(preview.calls.map(({ call }) => call)).toEqual(mixedCalls.map((call) => JSON.parse(call)));
    expect(preview.errors.map((error) => error.row)).toEqual([4, 6, 7]);
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses a sync type that is neither a call type nor mixed", async () => {
    await expect(createSync("Bad type", "everything", MIXED_QUERY)).rejects.toMatchObject({ fieldErrors: { type: ["Pick a type: identify, track, group, page, screen, alias or mixed"] } });
  });

  it("fails the run with a clear error when the result has no type column", async () => {
    const syncId = await createSync("No type", "mixed", `SELECT ${COLUMNS} FROM activity`);
    const run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ status: "failed", rowsSucceeded: 0 });
    expect(run.error).toContain('A mixed sync needs a "type" column naming each row\'s call');
    expect(receiver.requests).toHaveLength(0);
  });
});

describe("a mixed sync with change tracking", () => {
  let syncId: string;

  beforeAll(() =>
    fixture.sql(`
      CREATE TABLE changes (id int PRIMARY KEY, kind text, user_id text, event text);
      INSERT INTO changes VALUES (1, 'identify', 'u1', NULL), (2, 'track', 'u1', 'Viewed'), (3, 'group', 'u1', NULL);
      UPDATE changes SET event = 'acme' WHERE id = 3;
    `),
  );
  const QUERY = `SELECT id, kind AS "type", user_id AS "userId", CASE WHEN kind = 'group' THEN event END AS "groupId", CASE WHEN kind <> 'group' THEN event END AS event FROM changes ORDER BY id`;

  it("sends new rows, skips unchanged ones, resends a row whose type changed, and sends the deleted row's call", async () => {
    syncId = await createSync("Tracked mixed", "mixed", QUERY, { changeTracking: { idColumns: ["id"], onDeleted: "identify" } });
    let run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 3, rowsSucceeded: 3, rowsFailed: 0 });
    expect(sentCalls().map((call) => JSON.parse(call).type)).toEqual(["identify", "track", "group"]);

    receiver.reset();
    run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 3, rowsSucceeded: 0, rowsUnchanged: 3 });
    expect(receiver.requests).toHaveLength(0);

    // The same row as another call type is a changed row.
    await fixture.sql(`UPDATE changes SET kind = 'identify', event = NULL WHERE id = 2`);
    receiver.reset();
    run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ rowsSucceeded: 1, rowsUnchanged: 2 });
    expect(sentCalls().map((call) => JSON.parse(call))).toEqual([{ type: "identify", userId: "u1", traits: { id: 2, event: null }, messageId: expect.any(String) }]);

    await fixture.sql(`DELETE FROM changes WHERE id = 3`);
    receiver.reset();
    run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsSucceeded: 1, rowsUnchanged: 2 });
    expect(sentCalls().map((call) => JSON.parse(call))).toEqual([{ type: "identify", userId: "3", traits: { deleted: true }, messageId: expect.any(String) }]);
    // Data In records the deleted row's call as the identify it is.
    expect((await app.runCall.findMany({ where: { runId: run.id } })).map((call) => call.type)).toEqual(["identify"]);
  });
});

describe("a mixed sync whose rows a destination refuses", () => {
  it("keeps the refused rows with their type column and retries them on the next run as the same calls", async () => {
    await fixture.sql(`
      CREATE TABLE later (id int, kind text, user_id text, event text, updated_at bigint);
      INSERT INTO later VALUES (1, 'identify', 'r1', NULL, 1), (2, 'track', 'r1', 'Paid', 1);
    `);
    const syncId = await createSync("Refused mixed", "mixed", `SELECT kind AS "type", user_id AS "userId", event FROM later WHERE updated_at > {{last_sync_time}} ORDER BY id`);
    receiver.respondWith(() => ({ status: 400, body: { error: "invalid write key" } }));
    const refused = await fixture.runNow(syncId);
    expect(refused).toMatchObject({ status: "succeeded", rowsRead: 2, rowsSucceeded: 0, rowsFailed: 2 });
    const refusedCalls = sentCalls();
    const errors = await app.runError.findMany({ where: { runId: refused.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((error) => JSON.parse(error.rowJson))).toEqual([
      { type: "identify", userId: "r1", event: null },
      { type: "track", userId: "r1", event: "Paid" },
    ]);
    expect(await app.rowRetry.count({ where: { syncId } })).toBe(2);

    receiver.reset();
    receiver.respondWith(() => ({ status: 200, body: { success: true } }));
    const retried = await fixture.runNow(syncId);
    expect(retried).toMatchObject({ status: "succeeded", rowsRead: 0, rowsRetried: 2 });
    expect(sentCalls()).toEqual(refusedCalls);
    expect(await app.rowRetry.count({ where: { syncId } })).toBe(0);
  });
});
