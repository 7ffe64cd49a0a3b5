// Dry runs end to end: a real PostgreSQL source, a real HTTP receiver as the destination, the sync's
// change-tracking snapshot file in the data directory. A dry run must send nothing, record nothing,
// move neither last_sync_time nor the snapshot, and show exactly the calls a run then sends.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { ZDryRunLineSchema, type TDryRunLine } from "../lib/engine/dry-run-events";
import { useEngineFixture } from "./support/use-engine-fixture";

const services = async () => ({
  ...(await import("../lib/syncs/create-sync")),
  ...(await import("../lib/runs/dry-run-sync")),
  ...(await import("../lib/runs/dry-run-draft")),
  ...(await import("../lib/runs/run-sync-now")),
  ...(await import("../lib/engine/change-tracking/snapshot-file")),
});

const fixture = useEngineFixture(`
  CREATE TABLE people (id int, email text, plan text, updated_at timestamptz NOT NULL DEFAULT now() - interval '1 day');
  INSERT INTO people (id, email, plan) VALUES (1, 'ada@example.com', 'pro'), (2, 'grace@example.com', 'free'), (3, 'linus@example.com', 'pro');
  CREATE TABLE events (user_id text, event text, amount numeric);
  INSERT INTO events VALUES ('u1', 'Order Completed', 12.5), ('u2', NULL, 3), (NULL, 'Signed Up', NULL);
`);

async function createSync(fields: Record<string, unknown>) {
  const { createSync } = await services();
  return (await createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, frequencyMinutes: 60, destinationIds: [fixture.destinationId], ...fields })).id;
}

async function lines(response: Response): Promise<TDryRunLine[]> {
  expect(response.headers.get("content-type")).toContain("application/x-ndjson");
  const text = await response.text();
  expect(text.endsWith("\n")).toBe(true);
  return text
    .trimEnd()
    .split("\n")
    .map((line) => ZDryRunLineSchema.parse(JSON.parse(line)));
}

async function dryRun(syncId: string) {
  const { dryRunSync } = await services();
  return lines(await dryRunSync(syncId));
}

const summaryOf = (result: TDryRunLine[]) => {
  const last = result.at(-1)!;
  if (last.type !== "summary") throw new Error(`the dry run did not finish: ${JSON.stringify(last)}`);
  return last;
};
const callsOf = (result: TDryRunLine[]) => result.flatMap((line) => (line.type === "call" ? [line] : []));
const invalidOf = (result: TDryRunLine[]) => result.flatMap((line) => (line.type === "invalid" ? [line] : []));

/** What a run leaves behind: the snapshot's file bytes and rows, last_sync_time, runs, Data In. */
async function recordedState(syncId: string) {
  const { snapshotFile } = await services();
  const file = snapshotFile(syncId);
  let snapshot: unknown = null;
  if (existsSync(file)) {
    const reader = new Database(file, { readonly: true });
    snapshot = {
      bytes: createHash("sha256").update(readFileSync(file)).digest("hex"),
      rows: reader.prepare("SELECT id, hash, slot FROM snapshot ORDER BY id").all(),
      pending: reader.prepare("SELECT count(*) AS n FROM pending").get(),
    };
    reader.close();
  }
  const sync = await fixture.app.sync.findUniqueOrThrow({ where: { id: syncId }, select: { lastSyncTime: true, nextRunAt: true, updatedAt: true } });
  return {
    snapshot,
    sync,
    runs: await fixture.app.syncRun.count({ where: { syncId } }),
    runCalls: await fixture.app.runCall.count(),
    runErrors: await fixture.app.runError.count(),
    inbox: await fixture.app.inboxMessage.count(),
  };
}

/**
 * Each received batch body, rebuilt from the dry run's sample calls: equal only if every byte is. A
 * run sends the result's rows, then (in a batch of their own) the calls for deleted rows.
 */
function expectSentExactly(samples: { json: string; deleted?: true }[]) {
  const batches = [samples.filter((call) => !call.deleted), samples.filter((call) => call.deleted)].filter((batch) => batch.length > 0);
  expect(fixture.receiver.requests).toHaveLength(batches.length);
  batches.forEach((batch, i) => {
    const { body, json } = fixture.receiver.requests[i];
    const sentAt = (json as { sentAt: string }).sentAt;
    expect(body).toBe(`{"batch":[${batch.map((call) => call.json).join(",")}],"sentAt":"${sentAt}"}`);
  });
}

describe("a sync with change tracking", () => {
  let syncId: string;

  beforeAll(async () => {
    syncId = await createSync({
      name: "People",
      type: "identify",
      query: `SELECT id AS "userId", email, plan FROM people ORDER BY id NULLS LAST`,
      changeTracking: { idColumns: ["userId"], onDeleted: "identify" },
    });
  });

  it("before any run: every row is new, nothing is sent, and no snapshot is created", async () => {
    const before = await recordedState(syncId);
    const result = await dryRun(syncId);
    expect(summaryOf(result)).toEqual({ type: "summary", changeTracking: true, rowsRead: 3, calls: 3, new: 3, changed: 0, unchanged: 0, deleted: 0, invalid: 0 });
    expect(callsOf(result).map((call) => JSON.parse(call.json))).toEqual([
      { type: "identify", userId: "1", traits: { email: "ada@example.com", plan: "pro" }, messageId: expect.any(String) },
      { type: "identify", userId: "2", traits: { email: "grace@example.com", plan: "free" }, messageId: expect.any(String) },
      { type: "identify", userId: "3", traits: { email: "linus@example.com", plan: "pro" }, messageId: expect.any(String) },
    ]);
    expect(result.some((line) => line.type === "progress")).toBe(true);
    expect(fixture.receiver.requests).toHaveLength(0);
    expect(await recordedState(syncId)).toEqual(before);
    expect(before.snapshot).toBeNull();
  });

  it("its sample calls are byte for byte what the first run then sends", async () => {
    const samples = callsOf(await dryRun(syncId));
    expect(await fixture.runNow(syncId)).toMatchObject({ status: "succeeded", rowsSucceeded: 3 });
    expectSentExactly(samples);
  });

  it("after changes: counts new, changed, unchanged, deleted and invalid rows, and moves nothing", async () => {
    await fixture.sql(`
      INSERT INTO people (id, email, plan) VALUES (4, 'margaret@example.com', 'pro'), (NULL, 'nobody@example.com', 'free');
      UPDATE people SET plan = 'enterprise' WHERE id = 2;
      DELETE FROM people WHERE id = 3;
    `);
    const before = await recordedState(syncId);
    expect(before.snapshot).not.toBeNull();
    expect(before.sync.lastSyncTime).toBeGreaterThan(0);

    const result = await dryRun(syncId);
    expect(summaryOf(result)).toEqual({ type: "summary", changeTracking: true, rowsRead: 4, calls: 3, new: 1, changed: 1, unchanged: 1, deleted: 1, invalid: 1 });
    expect(invalidOf(result)).toEqual([
      { type: "invalid", rowNumber: 4, reason: 'The identifier column(s) "userId" are empty in this row.', row: { userId: null, email: "nobody@example.com", plan: "free" } },
    ]);
    const calls = callsOf(result);
    expect(calls.map(({ rowNumber, deleted }) => ({ rowNumber, deleted }))).toEqual([
      { rowNumber: 2, deleted: undefined },
      { rowNumber: 3, deleted: undefined },
      { rowNumber: 0, deleted: true },
    ]);
    expect(JSON.parse(calls[2].json)).toEqual({ type: "identify", userId: "3", traits: { deleted: true }, messageId: expect.any(String) });

    expect(fixture.receiver.requests).toHaveLength(0);
    expect(await recordedState(syncId)).toEqual(before);

    // A second dry run sees the same: the first left nothing behind that changes the diff.
    expect(summaryOf(await dryRun(syncId))).toEqual(summaryOf(result));
    expect(await recordedState(syncId)).toEqual(before);

    // The real run still sends the changed rows and the deletion, exactly as the dry run showed them.
    const run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 4, rowsSucceeded: 3, rowsFailed: 1, rowsUnchanged: 1 });
    expect(run.lastSyncTime).toBe(before.sync.lastSyncTime);
    expectSentExactly(calls);
  });

  it("is refused while a run of the sync is going", async () => {
    const { dryRunSync, runSyncNow } = await services();
    await fixture.sql("UPDATE people SET plan = 'team' WHERE id = 1");
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    fixture.receiver.respondWith(async () => (await held, { status: 200, body: { success: true } }));
    const run = await runSyncNow(syncId);
    try {
      for (let i = 0; i < 200 && fixture.receiver.requests.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(fixture.receiver.requests).toHaveLength(1);
      await expect(dryRunSync(syncId)).rejects.toMatchObject({ code: "conflict", message: "A run of this sync is going; start the dry run once it has finished." });
    } finally {
      letGo();
      await run.done;
      fixture.receiver.respondWith(() => ({ status: 200, body: { success: true } }));
    }
  });
});

describe("{{last_sync_time}}", () => {
  it("is the value a real run would use now", async () => {
    const syncId = await createSync({
      name: "Recently updated",
      type: "identify",
      query: `SELECT id AS "userId", plan FROM people WHERE id IS NOT NULL AND updated_at > to_timestamp({{last_sync_time}}) ORDER BY id`,
    });
    expect(summaryOf(await dryRun(syncId))).toMatchObject({ rowsRead: 3, calls: 3 });
    await fixture.runNow(syncId);
    fixture.receiver.reset();
    await fixture.sql("UPDATE people SET updated_at = now() + interval '1 hour' WHERE id = 4");
    const before = await recordedState(syncId);
    const result = await dryRun(syncId);
    expect(summaryOf(result)).toMatchObject({ rowsRead: 1, calls: 1 });
    expect(JSON.parse(callsOf(result)[0].json)).toMatchObject({ userId: "4" });
    expect(await recordedState(syncId)).toEqual(before);
    expect(fixture.receiver.requests).toHaveLength(0);
  });
});

describe("a sync without change tracking", () => {
  it("reports the rows a run would make error rows, with their reasons", async () => {
    const syncId = await createSync({ name: "Orders", type: "track", query: `SELECT user_id AS "userId", event, amount FROM events ORDER BY event NULLS LAST` });
    const before = await recordedState(syncId);
    const result = await dryRun(syncId);
    expect(summaryOf(result)).toEqual({ type: "summary", changeTracking: false, rowsRead: 3, calls: 1, new: 0, changed: 0, unchanged: 0, deleted: 0, invalid: 2 });
    expect(invalidOf(result)).toEqual([
      { type: "invalid", rowNumber: 2, reason: "A track call needs a userId or an anonymousId column value.", row: { userId: null, event: "Signed Up", amount: null } },
      { type: "invalid", rowNumber: 3, reason: "A track call needs an event column value (the event name).", row: { userId: "u2", event: null, amount: 3 } },
    ]);
    expect(fixture.receiver.requests).toHaveLength(0);
    expect(await recordedState(syncId)).toEqual(before);
    const samples = callsOf(result);
    await fixture.runNow(syncId);
    expectSentExactly(samples);
  });

  it("ends with an error line when the query fails, and records it in the audit log", async () => {
    const syncId = await createSync({ name: "Broken", type: "identify", query: "SELECT id AS userId FROM no_such_table" });
    const result = await dryRun(syncId);
    expect(result.at(-1)).toEqual({ type: "error", message: expect.stringContaining("no_such_table") });
    expect(await fixture.app.auditEvent.findFirst({ where: { action: "sync.dry_run", resourceId: syncId } })).toMatchObject({ resourceType: "sync", resourceName: "Broken" });
    expect(fixture.receiver.requests).toHaveLength(0);
  });
});

describe("a mixed sync", () => {
  it("shows each row's call, and the row with an unknown type as invalid, exactly as the run then sends them", async () => {
    const syncId = await createSync({
      name: "Everything",
      type: "mixed",
      query: `SELECT * FROM (VALUES (1, 'identify', 'u1', NULL), (2, 'track', 'u1', 'Order Completed'), (3, 'bogus', 'u2', NULL)) AS t (n, type, "userId", event) ORDER BY n`,
    });
    const result = await dryRun(syncId);
    expect(summaryOf(result)).toMatchObject({ rowsRead: 3, calls: 2, invalid: 1 });
    expect(callsOf(result).map((call) => (JSON.parse(call.json) as { type: string }).type)).toEqual(["identify", "track"]);
    expect(invalidOf(result)[0]).toMatchObject({ rowNumber: 3, reason: expect.stringContaining("bogus") });
    expect(fixture.receiver.requests).toHaveLength(0);
    await fixture.runNow(syncId);
    expectSentExactly(callsOf(result));
  });
});

describe("dry runs going at once", () => {
  it("are limited per process: the third is refused with 429 until one ends; a run may start meanwhile", async () => {
    const { dryRunSync, MAX_DRY_RUNS } = { ...(await services()), ...(await import("../lib/runs/dry-run-stream")) };
    const slow = await createSync({
      name: "Slow",
      type: "identify",
      query: `WITH pause AS (SELECT pg_sleep(1.5)) SELECT id AS "userId" FROM people WHERE id IS NOT NULL AND EXISTS (SELECT 1 FROM pause)`,
    });
    const going = await Promise.all(Array.from({ length: MAX_DRY_RUNS }, () => dryRunSync(slow)));
    await expect(dryRunSync(slow)).rejects.toMatchObject({ code: "too_many_requests", status: 429 });
    expect(await fixture.runNow(slow)).toMatchObject({ status: "succeeded", rowsSucceeded: 3 });
    for (const response of going) expect(summaryOf(await lines(response))).toMatchObject({ rowsRead: 3 });
    expect(summaryOf(await dryRun(slow))).toMatchObject({ rowsRead: 3 });
  });
});

describe("a sync not saved yet (the wizard's dry run)", () => {
  it("runs as a first run would: {{last_sync_time}} 0, every tracked row new, nothing sent or stored", async () => {
    const { dryRunDraft } = await services();
    const syncs = await fixture.app.sync.count();
    const result = await lines(
      await dryRunDraft({
        sourceId: fixture.sourceId,
        databaseId: fixture.databaseId,
        type: "identify",
        query: `SELECT id AS "userId", email FROM people WHERE extract(epoch FROM updated_at) > {{last_sync_time}} ORDER BY id NULLS LAST`,
        destinationIds: [fixture.destinationId],
        changeTracking: { idColumns: ["userId"] },
      }),
    );
    expect(summaryOf(result)).toMatchObject({ changeTracking: true, rowsRead: 4, calls: 3, new: 3, invalid: 1 });
    expect(JSON.parse(callsOf(result)[0].json)).toEqual({ type: "identify", userId: "1", traits: { email: "ada@example.com" }, messageId: expect.any(String) });
    expect(fixture.receiver.requests).toHaveLength(0);
    expect(await fixture.app.sync.count()).toBe(syncs);
    expect(await fixture.app.auditEvent.findFirst({ where: { action: "sync.dry_run", resourceId: fixture.databaseId } })).toMatchObject({ resourceType: "database" });
  });

  it("with a saved sync's id, dry-runs its edits as its next run would go once they were saved", async () => {
    const { dryRunDraft } = await services();
    const query = `SELECT id AS "userId", plan FROM people WHERE id IS NOT NULL ORDER BY id`;
    const syncId = await createSync({ name: "Plans", type: "identify", query, changeTracking: { idColumns: ["userId"] } });
    await fixture.runNow(syncId);
    fixture.receiver.reset();
    await fixture.sql("UPDATE people SET plan = 'gold' WHERE id = 4");
    const before = await recordedState(syncId);
    const draft = { syncId, databaseId: fixture.databaseId, type: "identify", query, destinationIds: [fixture.destinationId], changeTracking: { idColumns: ["userId"] } };
    const edited = await lines(await dryRunDraft(draft));
    expect(summaryOf(edited)).toMatchObject({ rowsRead: 3, calls: 1, changed: 1, unchanged: 2 });
    // The same messageIds as the saved sync's own dry run: they derive from its id.
    expect(callsOf(edited)).toEqual(callsOf(await dryRun(syncId)));
    // New identifier columns start a new snapshot when saved: every row is new.
    expect(summaryOf(await lines(await dryRunDraft({ ...draft, changeTracking: { idColumns: ["userId", "plan"] } })))).toMatchObject({ new: 3, unchanged: 0 });
    expect(await recordedState(syncId)).toEqual(before);
    expect(fixture.receiver.requests).toHaveLength(0);
  });

  it("refuses what is not a sync yet with the fields to fix", async () => {
    const { dryRunDraft } = await services();
    await expect(dryRunDraft({ databaseId: fixture.databaseId, type: "identify", query: "  " })).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { query: ["Enter a query"] } });
    await expect(dryRunDraft({ databaseId: "nope", type: "identify", query: "SELECT 1" })).rejects.toMatchObject({ code: "not_found" });
    await expect(dryRunDraft({ databaseId: fixture.databaseId, type: "identify", query: "SELECT 1", destinationIds: ["nope"] })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
