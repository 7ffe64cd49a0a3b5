import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { insertSyncRow, useMigratedPostgres } from "../../../test/support/migrated-postgres";
import { forgetPgSnapshot, PgSnapshot } from "./pg-snapshot";
import { rowHash } from "./row-hash";
import type { Change, KeyedRow } from "./snapshot-store";

const postgres = useMigratedPostgres();

let syncId: string;
let syncCount = 0;

/** A Sync row (with the source and database it needs) for the snapshot's foreign key. */
async function createSync(): Promise<string> {
  const id = `sync_${++syncCount}`;
  await insertSyncRow(postgres.pool, id);
  return id;
}

beforeEach(async () => {
  syncId = await createSync();
});

type Row = [id: string, ...rest: unknown[]];
const keyed = ([id, ...rest]: Row): KeyedRow => ({ id, hash: rowHash([id, ...rest]) });

/** One run as the engine does it: classify pages, confirm what was delivered, list deletions, close. */
async function run(
  rows: Row[],
  options: { fail?: string[]; confirmDeletes?: boolean; pageRows?: number; via?: pg.Pool; sync?: string } = {},
) {
  const snapshot = await PgSnapshot.open(options.via ?? postgres.pool, options.sync ?? syncId);
  const changes: Partial<Record<Change, string[]>> = {};
  const pageRows = options.pageRows ?? rows.length;
  for (let start = 0; start < rows.length; start += pageRows) {
    const page = rows.slice(start, start + pageRows).map(keyed);
    const verdicts = await snapshot.classify(page);
    const delivered = page.filter((row, i) => (verdicts[i] === "new" || verdicts[i] === "changed") && !options.fail?.includes(row.id));
    page.forEach((row, i) => (changes[verdicts[i]] ??= []).push(row.id));
    await snapshot.confirm(delivered);
  }
  const deleted: string[] = [];
  for await (const ids of snapshot.deletedIds()) {
    deleted.push(...ids);
    if (options.confirmDeletes) await snapshot.confirmDeleted(ids);
  }
  await snapshot.close();
  return { ...changes, deleted };
}

const storedCount = async (sync = syncId) =>
  Number((await postgres.pool.query("SELECT count(*) AS n FROM change_snapshot WHERE sync_id = $1", [sync])).rows[0].n);

describe("PgSnapshot", () => {
  it("sends every row on the first run and nothing when nothing changed", async () => {
    expect(await run([["1", "ada"], ["2", "grace"]])).toEqual({ new: ["1", "2"], deleted: [] });
    expect(await run([["1", "ada"], ["2", "grace"]])).toEqual({ unchanged: ["1", "2"], deleted: [] });
  });

  it("classifies inserted, updated, unchanged and deleted rows, within one page and across pages", async () => {
    await run([["1", "ada"], ["2", "grace"], ["3", "linus"], ["5", "edsger"]]);
    const second: Row[] = [["2", "grace hopper"], ["1", "ada"], ["4", "margaret"], ["5", "edsger w."]];
    const expected = { changed: ["2", "5"], unchanged: ["1"], new: ["4"], deleted: ["3"] };
    expect(await run(second, { pageRows: 1 })).toEqual(expected);
    // The second run confirmed the changes: a third with the first run's values sees them changed back.
    expect(await run([["1", "ada"], ["2", "grace"], ["4", "margaret"], ["5", "edsger"]])).toEqual({ unchanged: ["1", "4"], changed: ["2", "5"], deleted: ["3"] });
    expect(await run(second, { pageRows: 3 })).toEqual({ changed: ["2", "5"], unchanged: ["1", "4"], deleted: ["3"] });
  });

  it("lists a deleted id until its deletion is confirmed", async () => {
    await run([["1", "ada"], ["2", "grace"]]);
    expect((await run([["1", "ada"]])).deleted).toEqual(["2"]);
    expect((await run([["1", "ada"]], { confirmDeletes: true })).deleted).toEqual(["2"]);
    expect((await run([["1", "ada"]])).deleted).toEqual([]);
    expect((await run([["1", "ada"], ["2", "grace"]])).new).toEqual(["2"]);
  });

  it("reports an id seen twice in one run as a duplicate, new or known, within a page and across pages", async () => {
    await run([["1", "ada"]]);
    const rows: Row[] = [["1", "ada"], ["1", "ada again"], ["2", "grace"], ["2", "grace"], ["3", "linus"], ["1", "ada"], ["3", "x"]];
    expect(await run(rows)).toEqual({ unchanged: ["1"], duplicate: ["1", "2", "1", "3"], new: ["2", "3"], deleted: [] });
    await forgetPgSnapshot(postgres.pool, syncId);
    await run([["1", "ada"]]);
    expect(await run(rows, { pageRows: 2 })).toEqual({ unchanged: ["1"], duplicate: ["1", "2", "1", "3"], new: ["2", "3"], deleted: [] });
    // The duplicate marks are per run.
    expect(await run([["1", "ada"], ["2", "grace"], ["3", "linus"]])).toEqual({ unchanged: ["1", "2", "3"], deleted: [] });
  });

  it("sends a row again next run when its delivery failed, and does not list it as deleted", async () => {
    await run([["1", "ada"], ["2", "grace"]]);
    expect(await run([["1", "ada v2"], ["2", "grace v2"], ["3", "linus"]], { fail: ["2", "3"] })).toEqual({ changed: ["1", "2"], new: ["3"], deleted: [] });
    expect(await run([["1", "ada v2"], ["2", "grace v2"], ["3", "linus"]])).toEqual({ unchanged: ["1"], changed: ["2"], new: ["3"], deleted: [] });
    expect(await run([["1", "ada v2"], ["2", "grace v2"], ["3", "linus"]])).toEqual({ unchanged: ["1", "2", "3"], deleted: [] });
  });

  it("keeps what was confirmed and nothing else when the worker dies mid-run", async () => {
    await run([["1", "ada"]]);
    // A worker of its own, killed: its connection is dropped without close.
    const doomed = new pg.Pool({ connectionString: postgres.server.url, max: 1, application_name: "killed" });
    doomed.on("error", () => {});
    const snapshot = await PgSnapshot.open(doomed, syncId);
    expect(await snapshot.classify([keyed(["1", "ada v2"]), keyed(["2", "grace"]), keyed(["3", "linus"])])).toEqual(["changed", "new", "new"]);
    await snapshot.confirm([keyed(["3", "linus"])]);
    await postgres.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'killed'");

    expect(await storedCount()).toBe(2);
    expect(await run([["1", "ada v2"], ["2", "grace"], ["3", "linus"]])).toEqual({ changed: ["1"], new: ["2"], unchanged: ["3"], deleted: [] });
  });

  it("fails every later call of a run whose session died, rather than answer without what it had seen", async () => {
    await run([["1", "ada"], ["2", "grace"]]);
    const worker = new pg.Pool({ connectionString: postgres.server.url, max: 1, application_name: "doomed" });
    worker.on("error", () => {});
    try {
      const snapshot = await PgSnapshot.open(worker, syncId);
      await snapshot.classify([keyed(["1", "ada"]), keyed(["2", "grace"])]);
      await postgres.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'doomed'");
      await expect(async () => {
        for await (const _ of snapshot.deletedIds()) throw new Error("listed ids");
      }).rejects.toThrow(/terminat|connection|queryable/i);
      await snapshot.close();
      // The pool is usable again: the broken connection was ended, not handed back.
      expect(await run([["1", "ada"], ["2", "grace"]], { via: worker })).toEqual({ unchanged: ["1", "2"], deleted: [] });
    } finally {
      await worker.end();
    }
  });

  it("never stores a row that was classified but not confirmed", async () => {
    const snapshot = await PgSnapshot.open(postgres.pool, syncId);
    await snapshot.classify(Array.from({ length: 12_000 }, (_, i) => ({ id: `id-${i}`, hash: "h" })));
    await snapshot.close();
    expect(await storedCount()).toBe(0);
    expect((await run([["id-1", "x"]])).new).toEqual(["id-1"]);
  });

  it("pages deleted ids in id order and lets deletions be confirmed while they are read", async () => {
    await run(Array.from({ length: 25_000 }, (_, i): Row => [`id-${String(i).padStart(5, "0")}`, i]), { pageRows: 5_000 });
    const snapshot = await PgSnapshot.open(postgres.pool, syncId);
    await snapshot.classify([keyed(["id-00000", 0]), keyed(["id-12345", 12345])]);
    const pages: string[][] = [];
    for await (const ids of snapshot.deletedIds()) {
      pages.push(ids);
      await snapshot.confirmDeleted(ids);
    }
    await snapshot.close();
    expect(pages.map((page) => page.length)).toEqual([10_000, 10_000, 4_998]);
    const all = pages.flat();
    expect(all).toEqual([...all].sort());
    expect(all).not.toContain("id-12345");
    expect(await storedCount()).toBe(2);
    expect((await run([["id-00000", 0], ["id-12345", 12345]])).deleted).toEqual([]);
  });

  it("keeps two syncs apart", async () => {
    const other = await createSync();
    await run([["1", "ada"], ["2", "grace"]]);
    expect(await run([["2", "grace v2"], ["3", "linus"]], { sync: other })).toEqual({ new: ["2", "3"], deleted: [] });
    expect(await run([["1", "ada"], ["2", "grace"]])).toEqual({ unchanged: ["1", "2"], deleted: [] });
    expect(await run([["2", "grace v2"]], { sync: other })).toEqual({ unchanged: ["2"], deleted: ["3"] });
  });

  it("lets two runs of different syncs go at once", async () => {
    const other = await createSync();
    const [a, b] = await Promise.all([PgSnapshot.open(postgres.pool, syncId), PgSnapshot.open(postgres.pool, other)]);
    expect(await a.classify([keyed(["1", "ada"])])).toEqual(["new"]);
    expect(await b.classify([keyed(["1", "ada"])])).toEqual(["new"]);
    await Promise.all([a.confirm([keyed(["1", "ada"])]), b.confirm([keyed(["1", "ada"])])]);
    expect(await a.classify([keyed(["1", "ada"])])).toEqual(["duplicate"]);
    await Promise.all([a.close(), b.close()]);
    expect(await run([["1", "ada"]], { sync: other })).toEqual({ unchanged: ["1"], deleted: [] });
  });

  it("forgets a sync's snapshot on request, so every row is sent again", async () => {
    const other = await createSync();
    await run([["1", "ada"], ["2", "grace"]]);
    await run([["1", "ada"]], { sync: other });
    await forgetPgSnapshot(postgres.pool, syncId);
    expect(await run([["1", "ada"], ["2", "grace"]])).toEqual({ new: ["1", "2"], deleted: [] });
    expect(await run([["1", "ada"]], { sync: other })).toEqual({ unchanged: ["1"], deleted: [] });
  });

  it("goes away with its sync", async () => {
    await run([["1", "ada"], ["2", "grace"]]);
    await postgres.pool.query(`DELETE FROM "Sync" WHERE id = $1`, [syncId]);
    expect(await storedCount()).toBe(0);
  });

  it("is the same snapshot for two workers: run 1 through one pool, run 2 through another", async () => {
    const workerA = new pg.Pool({ connectionString: postgres.server.url, max: 2 });
    const workerB = new pg.Pool({ connectionString: postgres.server.url, max: 2 });
    try {
      const rows: Row[] = Array.from({ length: 3_000 }, (_, i) => [`u${i}`, `name ${i}`]);
      expect((await run(rows, { via: workerA, pageRows: 1_000 })).new).toHaveLength(3_000);
      rows[7] = ["u7", "renamed"];
      const second = await run(rows.slice(0, 2_999), { via: workerB, pageRows: 1_000 });
      expect(second.changed).toEqual(["u7"]);
      expect(second.unchanged).toHaveLength(2_998);
      expect(second.deleted).toEqual(["u2999"]);
    } finally {
      await Promise.all([workerA.end(), workerB.end()]);
    }
  });

  it("returns its connection to the postgres.pool clean", async () => {
    const single = new pg.Pool({ connectionString: postgres.server.url, max: 1 });
    try {
      for (let i = 0; i < 3; i++) expect(await run([["1", "ada"]], { via: single })).toMatchObject({ deleted: [] });
      const { rows } = await single.query("SELECT to_regclass('pg_temp.tidewater_seen') AS seen");
      expect(rows).toEqual([{ seen: null }]);
    } finally {
      await single.end();
    }
  });
});
