// The dry run's view of a snapshot in the PostgreSQL app database (distributed mode): the same answers
// as a run's store, from SELECTs only.
import { beforeAll, describe, expect, it } from "vitest";
import { insertSyncRow, useMigratedPostgres } from "../../../test/support/migrated-postgres";
import { PgSnapshot } from "./pg-snapshot";
import { pgSnapshotReader, ReadOnlySnapshot } from "./read-only-snapshot";

const postgres = useMigratedPostgres();

beforeAll(() => insertSyncRow(postgres.pool, "sync"));

const stored = async () => (await postgres.pool.query("SELECT id, hash FROM change_snapshot WHERE sync_id = 'sync' ORDER BY id")).rows;

describe("ReadOnlySnapshot over the change_snapshot table", () => {
  it("classifies, lists deleted ids across pages, refuses to confirm, and leaves the table as it was", async () => {
    // 4,500 ids: the deleted ids come in more than one keyset page.
    const ids = Array.from({ length: 4_500 }, (_, i) => `id-${String(i).padStart(5, "0")}`);
    const run = await PgSnapshot.open(postgres.pool, "sync");
    await run.classify(ids.map((id) => ({ id, hash: "h1" })));
    await run.confirm(ids.map((id) => ({ id, hash: "h1" })));
    await run.close();
    const before = await stored();

    const snapshot = new ReadOnlySnapshot(pgSnapshotReader(postgres.pool, "sync"));
    const seen = ids.filter((_, i) => i % 2 === 0);
    const changes = await snapshot.classify([...seen.map((id, i) => ({ id, hash: i === 0 ? "h2" : "h1" })), { id: "new-1", hash: "h1" }, { id: seen[1], hash: "h1" }]);
    expect(changes.slice(0, 2)).toEqual(["changed", "unchanged"]);
    expect(changes.slice(-2)).toEqual(["new", "duplicate"]);
    const deleted: string[] = [];
    for await (const page of snapshot.deletedIds()) deleted.push(...page);
    expect(deleted).toEqual(ids.filter((_, i) => i % 2 === 1));
    await expect(snapshot.confirm()).rejects.toThrow("never writes");
    await expect(snapshot.confirmDeleted()).rejects.toThrow("never writes");
    await snapshot.close();

    expect(await stored()).toEqual(before);
  });
});
