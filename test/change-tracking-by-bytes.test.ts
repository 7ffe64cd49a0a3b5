// Change tracking on a PostgreSQL source hashes each row by the bytes it arrives in (wire-rows.ts).
// What that must keep: an upgrade resends nothing; a repeated identifier keeps its first row and its
// error shows the repeat; exactly the rows whose text changed are sent; a snapshot that fails while
// rows arrive fails the run, not the process.
import { mkdirSync, rmSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { seededRandom } from "./support/seeded-random";
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

/** One step of random changes to the drift table: updates (some to the same text), repeats, deletions, inserts. */
function randomChanges(random: () => number, step: number, lastSeq: number): string {
  const seqs = (count: number) => Array.from({ length: count }, () => 1 + Math.floor(random() * lastSeq)).join(", ");
  const statements = [
    `UPDATE drift SET v = v || '-${step}' WHERE seq IN (${seqs(20)})`,
    `UPDATE drift SET v = v WHERE seq IN (${seqs(20)})`,
    // The same number in other text (0.25 and 0.250): a resend, as the bytes changed.
    `UPDATE drift SET n = round(n, 3) WHERE seq IN (${seqs(5)})`,
    `UPDATE drift SET j = j || '{"step": ${step}}' WHERE seq IN (${seqs(10)})`,
    `UPDATE drift SET j = NULL, n = NULL WHERE seq IN (${seqs(3)})`,
    // Exact repeats of stored rows, then some of the originals changed: a changed first row and a
    // later repeat that is the stored row.
    `INSERT INTO drift (id, v, n, j) SELECT id, v, n, j FROM drift WHERE seq IN (${seqs(4)})`,
    `UPDATE drift SET v = 'changed-${step}' WHERE seq IN (${seqs(4)}) AND id IN (SELECT id FROM drift GROUP BY id HAVING count(*) > 1)`,
    `INSERT INTO drift (id, v, n, j) SELECT id, 'other', n, j FROM drift WHERE seq IN (${seqs(2)})`,
    `DELETE FROM drift WHERE seq IN (${seqs(15)})`,
    `INSERT INTO drift (id, v, n, j) SELECT g, 'new', g / 8.0, '{"new": true}' FROM generate_series(${3000 + step * 10}, ${3004 + step * 10}) AS g`,
  ];
  return statements.filter(() => random() < 0.7).join(";\n");
}

describe("change tracking by bytes when the snapshot fails", () => {
  it("fails the run, and only the run, when the snapshot cannot be read while rows arrive", async () => {
    const syncId = await createTrackedSync("Broken index", "SELECT id AS userId, email FROM people ORDER BY id");
    expect(await fixture.runNow(syncId)).toMatchObject({ status: "succeeded", rowsSucceeded: 3 });
    // The run's first lookup reads the saved index and deletes it: a directory in its place makes that throw.
    const { snapshotFile } = await services();
    rmSync(`${snapshotFile(syncId)}.index`, { force: true });
    mkdirSync(`${snapshotFile(syncId)}.index/inside`, { recursive: true });
    const run = await fixture.runNow(syncId);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/index/);
    rmSync(`${snapshotFile(syncId)}.index`, { recursive: true, force: true });
    expect(await fixture.runNow(syncId)).toMatchObject({ status: "succeeded", rowsSucceeded: 0, rowsUnchanged: 3 });
  });
});

describe("change tracking by bytes, at random", () => {
  it("sends exactly the first row of each identifier whose text differs from the one last delivered, over 12 runs of random changes (seed 20261208)", async () => {
    const random = seededRandom(20261208);
    await fixture.sql(`
      CREATE TABLE drift (seq serial PRIMARY KEY, id int NOT NULL, v text, n numeric, j jsonb);
      INSERT INTO drift (id, v, n, j) SELECT g, 'v' || g, g / 4.0, jsonb_build_object('k', g % 7, 'tags', jsonb_build_array(g % 3)) FROM generate_series(1, 2500) AS g;
    `);
    const syncId = await createTrackedSync("Drift", "SELECT id AS userId, v, n, j FROM drift ORDER BY seq");
    const client = new pg.Client({ connectionString: fixture.server.url });
    await client.connect();
    /** Each identifier's row as last delivered, as PostgreSQL prints it. */
    const delivered = new Map<number, string>();
    try {
      for (let step = 0; step < 12; step++) {
        if (step > 0) {
          const { rows: last } = await client.query<{ seq: number }>("SELECT coalesce(max(seq), 0) AS seq FROM drift");
          await client.query(randomChanges(random, step, last[0].seq));
        }
        const { rows } = await client.query<{ id: number; text: string }>(
          "SELECT id, concat_ws('|', v, n::text, j::text, v IS NULL, n IS NULL, j IS NULL) AS text FROM drift ORDER BY seq",
        );
        const first = new Map<number, string>();
        let repeats = 0;
        for (const row of rows) {
          if (first.has(row.id)) repeats++;
          else first.set(row.id, row.text);
        }
        const expectedSent = [...first].filter(([id, text]) => delivered.get(id) !== text).map(([id]) => id);
        fixture.receiver.reset();
        const run = await fixture.runNow(syncId);
        const sent = fixture.receiver.requests.flatMap((request) => (request.json as { batch: { userId: string }[] }).batch.map((call) => Number(call.userId)));
        expect({ step, status: run.status, sent: sent.sort((a, b) => a - b), repeats: run.rowsFailed, unchanged: run.rowsUnchanged }).toEqual({
          step,
          status: "succeeded",
          sent: expectedSent.sort((a, b) => a - b),
          repeats,
          unchanged: first.size - expectedSent.length,
        });
        delivered.clear();
        for (const [id, text] of first) delivered.set(id, text);
      }
    } finally {
      await client.end();
    }
  });
});
