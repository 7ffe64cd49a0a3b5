// Change tracking end to end: a real PostgreSQL source, a real HTTP receiver, the sync's snapshot
// file in the data directory.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useEngineFixture } from "./support/use-engine-fixture";

const services = async () => ({
  ...(await import("../lib/syncs/create-sync")),
  ...(await import("../lib/syncs/update-sync")),
  ...(await import("../lib/syncs/get-sync")),
  ...(await import("../lib/syncs/delete-sync")),
  ...(await import("../lib/syncs/reset-sync-snapshot")),
  ...(await import("../lib/engine/change-tracking/snapshot-file")),
});

const fixture = useEngineFixture(`
  CREATE TABLE people (id int PRIMARY KEY, email text, plan text);
  INSERT INTO people VALUES (1, 'ada@example.com', 'pro'), (2, 'grace@example.com', 'free'), (3, 'linus@example.com', 'pro');
  CREATE TABLE items (sku text PRIMARY KEY, owner int, name text);
  INSERT INTO items VALUES ('a', 1, 'Anvil'), ('b', 2, 'Bucket');
  CREATE TABLE memberships (org text, user_id int, role text, PRIMARY KEY (org, user_id));
  INSERT INTO memberships VALUES ('acme', 1, 'admin'), ('acme', 2, 'member'), ('globex', 1, 'member');
`);

const runNow = (syncId: string) => fixture.runNow(syncId);

async function createTrackedSync(fields: Record<string, unknown>) {
  const { createSync } = await services();
  return (await createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, frequencyMinutes: 60, destinationIds: [fixture.destinationId], ...fields })).id;
}

const batchCalls = () => fixture.receiver.requests.flatMap((request) => (request.json as { batch: Record<string, unknown>[] }).batch);
const sent = () => batchCalls().map(({ messageId, ...call }) => (expect(messageId).toEqual(expect.any(String)), call));

describe("identify sync with change tracking on id, sending identify for deleted rows", () => {
  let syncId: string;

  it("sends every row on the first run and keeps the snapshot in the data directory", async () => {
    // The result's column is "userid" (PostgreSQL folds the alias): the id column matches without case.
    syncId = await createTrackedSync({
      name: "People",
      type: "identify",
      query: "SELECT id AS userId, email, plan FROM people ORDER BY id",
      changeTracking: { idColumns: ["userId"], onDeleted: "identify" },
    });
    const { getSync, snapshotFile } = await services();
    expect((await getSync(syncId)).changeTracking).toEqual({ idColumns: ["userId"], onDeleted: "identify" });
    const run = await runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 3, rowsSucceeded: 3, rowsFailed: 0, rowsUnchanged: 0 });
    expect(sent()).toEqual([
      { type: "identify", userId: "1", traits: { email: "ada@example.com", plan: "pro" } },
      { type: "identify", userId: "2", traits: { email: "grace@example.com", plan: "free" } },
      { type: "identify", userId: "3", traits: { email: "linus@example.com", plan: "pro" } },
    ]);
    expect(existsSync(snapshotFile(syncId))).toBe(true);
  });

  it("sends nothing when nothing changed", async () => {
    const run = await runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 3, rowsSucceeded: 0, rowsFailed: 0, rowsUnchanged: 3 });
    expect(fixture.receiver.requests).toHaveLength(0);
  });

  it("sends only the inserted and the updated row", async () => {
    await fixture.sql(`INSERT INTO people VALUES (4, 'margaret@example.com', 'pro'); UPDATE people SET plan = 'enterprise' WHERE id = 2;`);
    const run = await runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 4, rowsSucceeded: 2, rowsUnchanged: 2 });
    expect(sent()).toEqual([
      { type: "identify", userId: "2", traits: { email: "grace@example.com", plan: "enterprise" } },
      { type: "identify", userId: "4", traits: { email: "margaret@example.com", plan: "pro" } },
    ]);
  });

  it("sends one identify call for a deleted row, once", async () => {
    await fixture.sql("DELETE FROM people WHERE id = 3");
    expect(await runNow(syncId)).toMatchObject({ status: "succeeded", rowsRead: 3, rowsSucceeded: 1, rowsFailed: 0, rowsUnchanged: 3 });
    expect(sent()).toEqual([{ type: "identify", userId: "3", traits: { deleted: true } }]);
    fixture.receiver.reset();
    await runNow(syncId);
    expect(fixture.receiver.requests).toHaveLength(0);
  });

  it("sends a row the destination refused again on the next run, and only that row", async () => {
    await fixture.sql("UPDATE people SET plan = 'free' WHERE id = 1");
    fixture.receiver.respondWith(() => ({ status: 400, body: { error: "try later" } }));
    const refused = await runNow(syncId);
    expect(refused).toMatchObject({ status: "succeeded", rowsSucceeded: 0, rowsFailed: 1 });
    // The error names the row by its columns, read back from the refused call.
    const [error] = await fixture.app.runError.findMany({ where: { runId: refused.id } });
    expect(JSON.parse(error.rowJson)).toEqual({ userid: "1", email: "ada@example.com", plan: "free" });
    expect(error.reason).toContain("try later");
    fixture.receiver.reset();
    expect(await runNow(syncId)).toMatchObject({ status: "succeeded", rowsSucceeded: 1, rowsFailed: 0 });
    expect(sent()).toEqual([{ type: "identify", userId: "1", traits: { email: "ada@example.com", plan: "free" } }]);
    fixture.receiver.reset();
    await runNow(syncId);
    expect(fixture.receiver.requests).toHaveLength(0);
  });

  it("sends a deletion the destination refused again on the next run", async () => {
    await fixture.sql("DELETE FROM people WHERE id = 4");
    fixture.receiver.respondWith(() => ({ status: 400, body: { error: "nope" } }));
    const failed = await runNow(syncId);
    expect(failed).toMatchObject({ status: "succeeded", rowsSucceeded: 0, rowsFailed: 1 });
    const [error] = await fixture.app.runError.findMany({ where: { runId: failed.id } });
    expect(JSON.parse(error.rowJson)).toEqual({ userid: "4" });
    expect(error.reason).toContain("The call for this deleted row failed");
    fixture.receiver.reset();
    await runNow(syncId);
    expect(sent()).toEqual([{ type: "identify", userId: "4", traits: { deleted: true } }]);
  });

  it("starts a new snapshot when the identifier columns change, with no calls for the old ids", async () => {
    const { updateSync } = await services();
    await updateSync(syncId, { changeTracking: { idColumns: ["email"], onDeleted: "identify" } });
    expect(await runNow(syncId)).toMatchObject({ status: "succeeded", rowsRead: 2, rowsSucceeded: 2 });
    expect(sent().map((call) => call.userId)).toEqual(["1", "2"]);
    fixture.receiver.reset();
    await runNow(syncId);
    expect(fixture.receiver.requests).toHaveLength(0);
  });

  it("sends every row again after a reset", async () => {
    const { resetSyncSnapshot } = await services();
    await resetSyncSnapshot(syncId);
    expect(await runNow(syncId)).toMatchObject({ status: "succeeded", rowsRead: 2, rowsSucceeded: 2 });
    expect(sent().map((call) => call.userId)).toEqual(["1", "2"]);
  });

  it("removes the snapshot with the sync", async () => {
    const { deleteSync, snapshotFile } = await services();
    await deleteSync(syncId);
    expect(existsSync(snapshotFile(syncId))).toBe(false);
  });
});

describe("change tracking that sends nothing for deleted rows", () => {
  it("sends no call and forgets the id, so a row that comes back is new", async () => {
    const syncId = await createTrackedSync({
      name: "Items",
      type: "track",
      query: "SELECT sku, owner AS userId, 'Item Listed' AS event, name FROM items ORDER BY sku",
      changeTracking: { idColumns: ["sku"] },
    });
    await runNow(syncId);
    expect(sent().map((call) => call.properties)).toEqual([
      { sku: "a", name: "Anvil" },
      { sku: "b", name: "Bucket" },
    ]);
    await fixture.sql("DELETE FROM items WHERE sku = 'b'");
    fixture.receiver.reset();
    expect(await runNow(syncId)).toMatchObject({ status: "succeeded", rowsRead: 1, rowsSucceeded: 0, rowsFailed: 0 });
    expect(fixture.receiver.requests).toHaveLength(0);
    await fixture.sql("INSERT INTO items VALUES ('b', 2, 'Bucket')");
    await runNow(syncId);
    expect(sent().map((call) => call.properties)).toEqual([{ sku: "b", name: "Bucket" }]);
  });
});

describe("identifier problems", () => {
  it("makes a repeated identifier a row error and still sends the other rows", async () => {
    const syncId = await createTrackedSync({
      name: "Doubled",
      type: "identify",
      query: "SELECT * FROM (SELECT id AS userId, email FROM people UNION ALL SELECT 1, 'again@example.com' UNION ALL SELECT NULL, 'nobody@example.com') AS t ORDER BY userId NULLS LAST, email",
      changeTracking: { idColumns: ["userid"] },
    });
    const run = await runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 4, rowsSucceeded: 2, rowsFailed: 2 });
    expect(sent().map((call) => [call.userId, (call.traits as { email: string }).email])).toEqual([
      ["1", "ada@example.com"],
      ["2", "grace@example.com"],
    ]);
    const errors = await fixture.app.runError.findMany({ where: { runId: run.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((error) => [error.rowNumber, error.reason])).toEqual([
      [2, 'Identifier userid="1" appears more than once in this result; only its first row is used.'],
      [4, 'The identifier column(s) "userid" are empty in this row.'],
    ]);
  });

  it("fails the run with the columns it has when the identifier column is missing", async () => {
    const syncId = await createTrackedSync({
      name: "Missing id",
      type: "identify",
      query: "SELECT id AS userId, email FROM people",
      changeTracking: { idColumns: ["customer_id"] },
    });
    const run = await runNow(syncId);
    expect(run.status).toBe("failed");
    expect(run.error).toBe('The identifier column "customer_id" is not in the query\'s result; it returned "userid", "email". Change the sync\'s identifier columns or the query.');
    expect(fixture.receiver.requests).toHaveLength(0);
  });
});

describe("change tracking on a composite identifier, sending track for deleted rows", () => {
  it("tracks rows by both columns and names a deleted one by its values joined with ':'", async () => {
    const syncId = await createTrackedSync({
      name: "Memberships",
      type: "track",
      query: "SELECT org, user_id AS userId, 'Joined' AS event, role FROM memberships ORDER BY org, user_id",
      changeTracking: { idColumns: ["org", "userId"], onDeleted: "track", deletedEvent: "Membership Removed" },
    });
    await runNow(syncId);
    expect(sent()).toHaveLength(3);
    await fixture.sql("UPDATE memberships SET role = 'owner' WHERE org = 'acme' AND user_id = 1; DELETE FROM memberships WHERE org = 'acme' AND user_id = 2;");
    fixture.receiver.reset();
    expect(await runNow(syncId)).toMatchObject({ status: "succeeded", rowsRead: 2, rowsSucceeded: 2 });
    expect(sent()).toEqual([
      { type: "track", userId: "1", event: "Joined", properties: { org: "acme", role: "owner" } },
      { type: "track", userId: "acme:2", event: "Membership Removed", properties: {} },
    ]);
  });
});

describe("the change-tracking setting", () => {
  const base = { name: "S", type: "identify", query: "SELECT id AS userId FROM people WHERE id > {{last_sync_time}}" };

  it("refuses calls for deleted rows on a query filtered by {{last_sync_time}}", async () => {
    await expect(createTrackedSync({ ...base, changeTracking: { idColumns: ["userId"], onDeleted: "identify" } })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { "changeTracking.onDeleted": [expect.stringContaining("{{last_sync_time}}")] },
    });
    const syncId = await createTrackedSync({ ...base, changeTracking: { idColumns: ["userId"] } });
    const { updateSync } = await services();
    await expect(updateSync(syncId, { changeTracking: { idColumns: ["userId"], onDeleted: "identify" } })).rejects.toMatchObject({
      fieldErrors: { "changeTracking.onDeleted": [expect.any(String)] },
    });
  });

  it("needs an event for track and at least one identifier column", async () => {
    await expect(createTrackedSync({ ...base, query: "SELECT 1 AS userId", changeTracking: { idColumns: [], onDeleted: "track" } })).rejects.toMatchObject({
      fieldErrors: {
        "changeTracking.idColumns": ["Name the column (or columns) that identify a row"],
        "changeTracking.deletedEvent": ["Name the event to track for a deleted row"],
      },
    });
  });

  it("is kept by updates that leave it out and turned off with null", async () => {
    const syncId = await createTrackedSync({ ...base, changeTracking: { idColumns: ["userId"] } });
    const { updateSync, getSync } = await services();
    await updateSync(syncId, { name: "Renamed" });
    expect((await getSync(syncId)).changeTracking).toEqual({ idColumns: ["userId"], onDeleted: "nothing" });
    await updateSync(syncId, { changeTracking: null });
    expect((await getSync(syncId)).changeTracking).toBeNull();
  });
});
