// Failed rows heal: rows a destination refused are sent again by the sync's next runs, in order per
// identifier, until delivered, superseded or given up. A real PostgreSQL source, a real HTTP receiver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { startEngineFixture, type EngineFixture } from "./support/engine-fixture";
import type { Receiver } from "./support/receiver";

let fixture: EngineFixture;
let receiver: Receiver;
let app: Db;

// Incremental queries: a row refused once is not in the next run's result, so only a retry heals it.
const QUERY = (table: string) => `SELECT id AS "userId", email, plan FROM ${table} WHERE updated_at > {{last_sync_time}} ORDER BY id NULLS LAST`;

beforeAll(async () => {
  fixture = await startEngineFixture();
  ({ receiver, app } = fixture);
  await fixture.sql(`
    CREATE TABLE people (id text, email text, plan text, updated_at bigint);
    INSERT INTO people SELECT 'u' || n, 'u' || n || '@example.com', 'pro', 1 FROM generate_series(1, 10) AS n;
    INSERT INTO people VALUES (NULL, 'nobody@example.com', 'free', 1);
    CREATE TABLE refused (id text, email text, plan text, updated_at bigint);
    INSERT INTO refused VALUES ('r1', 'r1@example.com', 'pro', 1), ('r2', 'r2@example.com', 'pro', 1);
    CREATE TABLE profiles (id text, email text, plan text, updated_at bigint);
    INSERT INTO profiles VALUES ('p1', 'p1@example.com', 'old', 1);
  `);
});

afterAll(() => fixture?.stop());
beforeEach(() => receiver.reset());

const refuseAll = () => receiver.respondWith(() => ({ status: 400, body: { error: "invalid write key for this workspace" } }));
const calls = () => receiver.requests.flatMap((request) => (request.json as { batch: Record<string, unknown>[] }).batch);

async function createSync(name: string, table: string, fields: Record<string, unknown> = {}) {
  const { createSync } = await import("../lib/syncs/create-sync");
  const sync = await createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, name, type: "identify", query: QUERY(table), frequencyMinutes: 60, destinationIds: [fixture.destinationId], ...fields });
  return sync.id;
}

const results = (runId: string) => app.runRetry.findMany({ where: { runId }, orderBy: { rowNumber: "asc" } });

describe("a destination that refuses 10 rows with 400, then accepts them", () => {
  let syncId: string;
  let firstRunId: string;

  it("keeps the 10 refused rows to retry, not the row that failed the mapping rules", async () => {
    syncId = await createSync("People", "people");
    refuseAll();
    const run = await fixture.runNow(syncId);
    firstRunId = run.id;
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 11, rowsSucceeded: 0, rowsFailed: 11, rowsRetried: 0 });
    const waiting = await app.rowRetry.findMany({ where: { syncId }, orderBy: { rowNumber: "asc" } });
    expect(waiting).toHaveLength(10);
    expect(waiting.map((row) => row.identity).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `user:u${i + 1}`).sort());
    expect(waiting[0].reason).toContain("400");
    // The 11th row has no userId: a mapping error, which no retry could fix.
    expect(await app.runError.count({ where: { runId: run.id, reason: { contains: "userId" } } })).toBe(1);
    const { listRunRetries } = await import("../lib/runs/list-run-retries");
    expect(await listRunRetries(run.id)).toMatchObject({ total: 0, waiting: 10 });
  });

  it("the next run retries and delivers them: 10 retried", async () => {
    const refusedIds = (await app.rowRetry.findMany({ where: { syncId } })).map((row) => row.messageId).sort();
    const run = await fixture.runNow(syncId);
    // The query's place moved on: the rows come only from the retries.
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 0, rowsRetried: 10 });
    expect(calls().map((call) => call.messageId).sort()).toEqual(refusedIds);
    expect(calls().map((call) => call.userId)).toContain("u7");
    expect((await results(run.id)).map((row) => row.result)).toEqual(Array(10).fill("delivered"));
    expect(await app.rowRetry.count({ where: { syncId } })).toBe(0);
    const { listSourceRuns } = await import("../lib/runs/list-source-runs");
    expect((await listSourceRuns(fixture.sourceId)).find((listed) => listed.id === run.id)).toMatchObject({ rowsRetried: 10 });
    // The run page: what was retried and the result of each, and nothing of the first run left waiting.
    const { listRunRetries } = await import("../lib/runs/list-run-retries");
    const page = await listRunRetries(run.id, 4);
    expect(page).toMatchObject({ total: 10, counts: { delivered: 10 }, waiting: 0 });
    expect(page.retried).toHaveLength(4);
    expect(page.retried[0]).toMatchObject({ result: "delivered", attempts: 1, row: { userId: expect.stringMatching(/^u\d+$/) } });
    expect(await listRunRetries(firstRunId)).toMatchObject({ total: 0, waiting: 0 });
  });

  it("a run after that has nothing left to retry, and Retry failed rows says so", async () => {
    expect(await fixture.runNow(syncId)).toMatchObject({ rowsRetried: 0 });
    expect(receiver.requests).toHaveLength(0);
    const { retryFailedRows } = await import("../lib/runs/retry-failed-rows");
    await expect(retryFailedRows(firstRunId)).rejects.toThrow(/No failed rows of this run wait/);
  });
});

describe("the retry limit", () => {
  it("gives a row up after 3 runs that retried it, with its reason", async () => {
    const syncId = await createSync("Refused", "refused");
    refuseAll();
    expect(await fixture.runNow(syncId)).toMatchObject({ rowsFailed: 2, rowsRetried: 0 });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const run = await fixture.runNow(syncId);
      expect(run.rowsRetried).toBe(2);
      expect((await results(run.id)).map((row) => [row.result, row.attempts])).toEqual([["failed-again", attempt], ["failed-again", attempt]]);
    }
    const third = await fixture.runNow(syncId);
    const given = await results(third.id);
    expect(given.map((row) => row.result)).toEqual(["given-up", "given-up"]);
    expect(given[0].reason).toMatch(/^Given up after 3 retries: Receiver: .*400/);
    expect(await app.rowRetry.count({ where: { syncId } })).toBe(0);
    receiver.reset();
    expect(await fixture.runNow(syncId)).toMatchObject({ rowsRetried: 0 });
    expect(receiver.requests).toHaveLength(0);
  });

  it("0 never retries", async () => {
    await fixture.sql(`CREATE TABLE never AS SELECT * FROM refused`);
    const syncId = await createSync("Never", "never", { retryLimit: 0 });
    refuseAll();
    expect(await fixture.runNow(syncId)).toMatchObject({ rowsFailed: 2 });
    expect(await app.rowRetry.count({ where: { syncId } })).toBe(0);
  });

  it("is a setting of the sync that the API checks", async () => {
    const { updateSync } = await import("../lib/syncs/update-sync");
    const syncId = await createSync("Setting", "refused");
    expect((await app.sync.findUniqueOrThrow({ where: { id: syncId } })).retryLimit).toBe(3);
    await updateSync(syncId, { retryLimit: 5 });
    expect((await app.sync.findUniqueOrThrow({ where: { id: syncId } })).retryLimit).toBe(5);
    await expect(updateSync(syncId, { retryLimit: -1 })).rejects.toMatchObject({ fieldErrors: { retryLimit: [expect.stringMatching(/0 \(never retry\)/)] } });
    // As the wizard sends it: typed text. Blank is refused, not taken for 0 (never retry).
    await updateSync(syncId, { retryLimit: "7" });
    expect((await app.sync.findUniqueOrThrow({ where: { id: syncId } })).retryLimit).toBe(7);
    for (const [typed, message] of [["", /Enter a number of runs from 0 to 20/], ["  ", /Enter a number/], ["two", /Enter a number/], ["21", /At most 20/], ["1.5", /Whole runs/]] as const) {
      await expect(updateSync(syncId, { retryLimit: typed })).rejects.toMatchObject({ fieldErrors: { retryLimit: [expect.stringMatching(message)] } });
    }
    expect((await app.sync.findUniqueOrThrow({ where: { id: syncId } })).retryLimit).toBe(7);
    await expect(createSync("Blank limit", "refused", { retryLimit: "" })).rejects.toMatchObject({ fieldErrors: { retryLimit: [expect.stringMatching(/Enter a number/)] } });
    expect((await app.sync.findUniqueOrThrow({ where: { id: await createSync("Limit 0", "refused", { retryLimit: "0" }) } })).retryLimit).toBe(0);
  });
});

describe("rows stay in order per identifier", () => {
  it("a newer row for the same userId supersedes the waiting retry, which is never sent after it", async () => {
    const syncId = await createSync("Profiles", "profiles");
    refuseAll();
    await fixture.runNow(syncId);
    expect(await app.rowRetry.count({ where: { syncId } })).toBe(1);
    await fixture.sql(`UPDATE profiles SET plan = 'new', updated_at = 4000000000 WHERE id = 'p1'`);
    receiver.reset();
    const run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ rowsRead: 1, rowsSucceeded: 1, rowsRetried: 0 });
    expect(calls().map((call) => (call.traits as { plan: string }).plan)).toEqual(["new"]);
    expect(await results(run.id)).toMatchObject([{ result: "superseded", identity: "user:p1" }]);
    expect(await app.rowRetry.count({ where: { syncId } })).toBe(0);
  });

  it("Retry failed rows sends only the run's waiting rows, and leaves the query's place where it was", async () => {
    await fixture.sql(`CREATE TABLE again (id text, email text, plan text, updated_at bigint); INSERT INTO again VALUES ('a1', 'a1@example.com', 'pro', 1)`);
    const syncId = await createSync("Again", "again");
    refuseAll();
    const failed = await fixture.runNow(syncId);
    const lastSyncTime = (await app.sync.findUniqueOrThrow({ where: { id: syncId } })).lastSyncTime;
    receiver.reset();
    const { retryFailedRows } = await import("../lib/runs/retry-failed-rows");
    const started = await retryFailedRows(failed.id);
    await started.done;
    const run = await app.syncRun.findUniqueOrThrow({ where: { id: started.id } });
    expect(run).toMatchObject({ status: "succeeded", trigger: "retry", retryOfRunId: failed.id, rowsRead: 0, rowsRetried: 1 });
    expect(calls().map((call) => call.userId)).toEqual(["a1"]);
    expect((await app.sync.findUniqueOrThrow({ where: { id: syncId } })).lastSyncTime).toBe(lastSyncTime);
  });

  it("Retry failed rows is refused while a run of the sync is going: runs never overlap", async () => {
    await fixture.sql(`CREATE TABLE busy (id text, email text, plan text, updated_at bigint); INSERT INTO busy VALUES ('b1', 'b1@example.com', 'pro', 1)`);
    const syncId = await createSync("Busy", "busy");
    refuseAll();
    const failed = await fixture.runNow(syncId);
    await fixture.sql(`UPDATE busy SET updated_at = 4000000000`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    receiver.respondWith(async () => {
      await held;
      return { status: 200, body: { success: true } };
    });
    const { runSyncNow } = await import("../lib/runs/run-sync-now");
    const going = await runSyncNow(syncId);
    const { retryFailedRows } = await import("../lib/runs/retry-failed-rows");
    await expect(retryFailedRows(failed.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/already going.*Retry failed rows once it has ended/) });
    expect(await app.syncRun.count({ where: { syncId, trigger: "retry" } })).toBe(0);
    release();
    await going.done;
  });
});
