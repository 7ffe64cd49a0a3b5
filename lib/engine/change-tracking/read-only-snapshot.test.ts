import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptySnapshotReader, ReadOnlySnapshot, sqliteSnapshotReader } from "./read-only-snapshot";
import { SqliteSnapshot } from "./sqlite-snapshot";

let dir: string;
let file: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tidewater-readonly-"));
  file = path.join(dir, "sync.db");
  const stored = SqliteSnapshot.open(file);
  await stored.classify([{ id: "a", hash: "1" }, { id: "b", hash: "1" }, { id: "c", hash: "1" }]);
  await stored.confirm([{ id: "a", hash: "1" }, { id: "b", hash: "1" }, { id: "c", hash: "1" }]);
  await stored.close();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = () => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("ReadOnlySnapshot over a sync's SQLite file", () => {
  it("answers as a run's store would, and leaves the file as it was", async () => {
    const before = bytes();
    const snapshot = new ReadOnlySnapshot(sqliteSnapshotReader(file));
    expect(await snapshot.classify([{ id: "a", hash: "1" }, { id: "b", hash: "2" }, { id: "d", hash: "1" }, { id: "a", hash: "1" }])).toEqual(["unchanged", "changed", "new", "duplicate"]);
    expect(await snapshot.classify([{ id: "d", hash: "1" }])).toEqual(["duplicate"]);
    const deleted: string[] = [];
    for await (const ids of snapshot.deletedIds()) deleted.push(...ids);
    expect(deleted).toEqual(["c"]);
    await expect(snapshot.confirm()).rejects.toThrow("A dry run never writes the change-tracking snapshot.");
    await expect(snapshot.confirmDeleted()).rejects.toThrow("A dry run never writes the change-tracking snapshot.");
    await snapshot.close();
    expect(bytes()).toBe(before);

    // A run's store still sees every row as it was: nothing the dry run saw was kept.
    const stored = SqliteSnapshot.open(file);
    expect(await stored.classify([{ id: "a", hash: "1" }, { id: "d", hash: "1" }])).toEqual(["unchanged", "new"]);
    await stored.close();
  });

  it("reads no file that is not there (and creates none): every row is new", async () => {
    const missing = path.join(dir, "none.db");
    const snapshot = new ReadOnlySnapshot(sqliteSnapshotReader(missing));
    expect(await snapshot.classify([{ id: "a", hash: "1" }])).toEqual(["new"]);
    expect(await (async () => { for await (const ids of snapshot.deletedIds()) return ids; })()).toBeUndefined();
    await snapshot.close();
    expect(() => readFileSync(missing)).toThrow();
    expect(await new ReadOnlySnapshot(emptySnapshotReader()).classify([{ id: "x", hash: "1" }])).toEqual(["new"]);
  });
});
