// Change tracking on a PostgreSQL source hashes each row by the bytes it arrives in (wire-rows.ts):
// what that must not change — an upgrade resends nothing, a repeated identifier keeps its first row
// and names the repeat with its values.
import { describe, expect, it } from "vitest";
import { useEngineFixture } from "./support/use-engine-fixture";

const services = async () => ({
  ...(await import("../lib/syncs/create-sync")),
  ...(await import("../lib/syncs/update-sync")),
  ...(await import("../lib/engine/change-tracking/snapshot-file")),
  ...(await import("../lib/engine/change-tracking/sqlite-snapshot")),
  ...(await import("../lib/engine/change-tracking/row-hash")),
});

const fixture = useEngineFixture(`
  CREATE TABLE people (id int PRIMARY KEY, email text, plan text);
  INSERT INTO people VALUES (1, 'ada@example.com', 'pro'), (2, 'grace@example.com', 'free'), (3, 'linus@example.com', 'pro');
`);

const PEOPLE = [
  [1, "ada@example.com", "pro"],
  [2, "grace@example.com", "free"],
  [3, "linus@example.com", "pro"],
];

async function createTrackedSync(name: string, query: string) {
  const { createSync } = await services();
  const fields = { name, type: "identify" as const, query, changeTracking: { idColumns: ["userid"], onDeleted: "nothing" as const } };
  return (await createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, frequencyMinutes: 60, destinationIds: [fixture.destinationId], ...fields })).id;
}

async function storedHashes(syncId: string): Promise<Map<string, string>> {
  const { SqliteSnapshot, snapshotFile } = await services();
  const snapshot = SqliteSnapshot.open(snapshotFile(syncId));
  try {
    return await snapshot.storedHashes(["1", "2", "3"]);
  } finally {
    await snapshot.close();
  }
}

const runErrors = async (runId: string) =>
  (await fixture.app.runError.findMany({ where: { runId }, orderBy: { rowNumber: "asc" } })).map((error) => [error.rowNumber, error.reason, JSON.parse(error.rowJson)]);

describe("change tracking by a row's bytes", () => {
  it("takes a snapshot of the rows' value hashes, as versions before it stored them, as unchanged, and stores the rows' own hashes once", async () => {
    const syncId = await createTrackedSync("Upgraded", "SELECT id AS userId, email, plan FROM people ORDER BY id");
    const { SqliteSnapshot, snapshotFile, rowHash } = await services();
    const valueHashes = PEOPLE.map((row) => rowHash(row, "identify\nuserid\nemail\nplan"));
    const earlier = SqliteSnapshot.open(snapshotFile(syncId));
    await earlier.confirm(PEOPLE.map((row, i) => ({ id: String(row[0]), hash: valueHashes[i] })));
    await earlier.close();

    expect(await fixture.runNow(syncId)).toMatchObject({ status: "succeeded", rowsRead: 3, rowsSucceeded: 0, rowsUnchanged: 3 });
    expect(fixture.receiver.requests).toHaveLength(0);
    const rehashed = await storedHashes(syncId);
    expect([...rehashed.values()].some((hash) => valueHashes.includes(hash))).toBe(false);

    expect(await fixture.runNow(syncId)).toMatchObject({ status: "succeeded", rowsSucceeded: 0, rowsUnchanged: 3 });
    expect(await storedHashes(syncId)).toEqual(rehashed);
    await fixture.sql("UPDATE people SET plan = 'enterprise' WHERE id = 2");
    expect(await fixture.runNow(syncId)).toMatchObject({ status: "succeeded", rowsSucceeded: 1, rowsUnchanged: 2 });
    await fixture.sql("UPDATE people SET plan = 'free' WHERE id = 2");
  });

  it("makes an exact repeat of a stored row a row error that shows the row", async () => {
    const syncId = await createTrackedSync(
      "Repeated",
      "SELECT userId, email FROM (SELECT id AS userId, email, 0 AS k FROM people UNION ALL SELECT id, email, 1 FROM people WHERE id = 1) AS t ORDER BY k, userId",
    );
    await fixture.runNow(syncId);
    fixture.receiver.reset();
    const run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 4, rowsSucceeded: 0, rowsFailed: 1, rowsUnchanged: 3 });
    expect(await runErrors(run.id)).toEqual([
      [4, 'Identifier userid="1" appears more than once in this result; only its first row is used.', { userid: 1, email: "ada@example.com" }],
    ]);
  });

  it("shows the row of an exact repeat of a row this run already delivered", async () => {
    // 1 KB calls: batches go out, and are confirmed, while later pages are still being read.
    const syncId = await createTrackedSync(
      "Repeated late",
      "SELECT userId, email FROM (SELECT g AS userId, repeat('x', 1000) AS email, 0 AS k FROM generate_series(1, 5000) AS g UNION ALL SELECT 1, repeat('x', 1000), 1) AS t ORDER BY k, userId",
    );
    const run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 5001, rowsSucceeded: 5000, rowsFailed: 1 });
    expect(await runErrors(run.id)).toEqual([
      [5001, 'Identifier userid="1" appears more than once in this result; only its first row is used.', { userid: 1, email: "x".repeat(1000) }],
    ]);
  });

  it("keeps the first row of a repeated identifier when a later repeat is the stored row, and names the repeat by its identifier", async () => {
    const syncId = await createTrackedSync("First stands", "SELECT id AS userId, email FROM people ORDER BY id");
    await fixture.runNow(syncId);
    fixture.receiver.reset();
    const { updateSync } = await services();
    await updateSync(syncId, {
      query: "SELECT userId, email FROM (SELECT id AS userId, 'new-' || email AS email, 0 AS k FROM people WHERE id = 1 UNION ALL SELECT id, email, 1 FROM people) AS t ORDER BY k, userId",
    });
    const run = await fixture.runNow(syncId);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 4, rowsSucceeded: 1, rowsFailed: 1, rowsUnchanged: 2 });
    const calls = fixture.receiver.requests.flatMap((request) => (request.json as { batch: { userId: string; traits: unknown }[] }).batch);
    expect(calls.map(({ userId, traits }) => [userId, traits])).toEqual([["1", { email: "new-ada@example.com" }]]);
    // The repeat was known by its bytes and not decoded: only its identifier is there to show.
    expect(await runErrors(run.id)).toEqual([[2, 'Identifier userid="1" appears more than once in this result; only its first row is used.', { userid: 1 }]]);
  });
});
