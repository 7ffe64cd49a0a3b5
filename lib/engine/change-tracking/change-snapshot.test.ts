import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChangeSnapshot, type Change, type Delivered } from "./change-snapshot";
import { canonicalJson, identityValues, rowHash, rowIdentity } from "./row-hash";

let dir: string;
let file: string;
let snapshot: ChangeSnapshot;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tidewater-snapshot-"));
  file = path.join(dir, "snapshots", "sync_1.db");
  snapshot = ChangeSnapshot.open(file);
});

afterEach(() => {
  try {
    snapshot.close();
  } catch {
    // already closed by the test
  }
  rmSync(dir, { recursive: true, force: true });
});

type Row = [id: string, ...rest: unknown[]];

/** One run as the engine does it: classify every row, confirm the ones it delivered, end the run. */
function run(rows: Row[], options: { fail?: string[]; confirmDeletes?: boolean } = {}) {
  const changes: Partial<Record<Change, string[]>> = {};
  const delivered: Delivered[] = [];
  for (const row of rows) {
    const id = rowIdentity(row, [0])!;
    const hash = rowHash(row);
    const change = snapshot.classify(id, hash);
    (changes[change] ??= []).push(id);
    if ((change === "new" || change === "changed") && !options.fail?.includes(id)) delivered.push({ id, hash });
  }
  snapshot.confirm(delivered);
  const deleted = [...snapshot.deletedIds()];
  if (options.confirmDeletes) snapshot.confirmDeleted(deleted);
  snapshot.endRun();
  return { ...changes, deleted };
}

describe("ChangeSnapshot", () => {
  it("sends every row on the first run and nothing when nothing changed", () => {
    expect(run([["1", "ada"], ["2", "grace"]])).toEqual({ new: ["1", "2"], deleted: [] });
    expect(run([["1", "ada"], ["2", "grace"]])).toEqual({ unchanged: ["1", "2"], deleted: [] });
  });

  it("classifies inserted, updated, unchanged and deleted rows", () => {
    run([["1", "ada"], ["2", "grace"], ["3", "linus"]]);
    expect(run([["2", "grace hopper"], ["1", "ada"], ["4", "margaret"]])).toEqual({
      changed: ["2"],
      unchanged: ["1"],
      new: ["4"],
      deleted: ["3"],
    });
  });

  it("lists a deleted id until its deletion is confirmed", () => {
    run([["1", "ada"], ["2", "grace"]]);
    expect(run([["1", "ada"]]).deleted).toEqual(["2"]);
    expect(run([["1", "ada"]], { confirmDeletes: true }).deleted).toEqual(["2"]);
    expect(run([["1", "ada"]]).deleted).toEqual([]);
    expect(run([["1", "ada"], ["2", "grace"]]).new).toEqual(["2"]);
  });

  it("reports an id seen twice in one run as a duplicate, new or known", () => {
    run([["1", "ada"]]);
    expect(run([["1", "ada"], ["1", "ada again"], ["2", "grace"], ["2", "grace"]])).toEqual({
      unchanged: ["1"],
      duplicate: ["1", "2"],
      new: ["2"],
      deleted: [],
    });
    // The duplicate marks are per run.
    expect(run([["1", "ada"], ["2", "grace"]])).toEqual({ unchanged: ["1", "2"], deleted: [] });
  });

  it("sends a row again next run when its delivery failed", () => {
    run([["1", "ada"], ["2", "grace"]]);
    expect(run([["1", "ada v2"], ["2", "grace v2"], ["3", "linus"]], { fail: ["2", "3"] })).toMatchObject({ changed: ["1", "2"], new: ["3"] });
    expect(run([["1", "ada v2"], ["2", "grace v2"], ["3", "linus"]])).toEqual({ unchanged: ["1"], changed: ["2"], new: ["3"], deleted: [] });
    expect(run([["1", "ada v2"], ["2", "grace v2"], ["3", "linus"]])).toEqual({ unchanged: ["1", "2", "3"], deleted: [] });
  });

  it("does not list a seen row whose delivery failed as deleted", () => {
    run([["1", "ada"]]);
    expect(run([["1", "ada v2"]], { fail: ["1"] }).deleted).toEqual([]);
  });

  it("keeps confirmed rows and drops the run's state when the process dies mid-run", () => {
    run([["1", "ada"]]);
    snapshot.classify("1", rowHash(["1", "ada v2"]));
    snapshot.classify("2", rowHash(["2", "grace"]));
    snapshot.classify("3", rowHash(["3", "linus"]));
    snapshot.confirm([{ id: "3", hash: rowHash(["3", "linus"]) }]);
    // No endRun, no close: the connection is dropped as a crash would.
    (snapshot as unknown as { db: Database.Database }).db.close();
    snapshot = ChangeSnapshot.open(file);
    expect(run([["1", "ada v2"], ["2", "grace"], ["3", "linus"]])).toEqual({ changed: ["1"], new: ["2"], unchanged: ["3"], deleted: [] });
  });

  it("never stores a row that was classified but not confirmed, even after many writes", () => {
    for (let i = 0; i < 12_000; i++) snapshot.classify(`id-${i}`, "h");
    snapshot.endRun();
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM snapshot").pluck().get()).toBe(0);
    db.close();
    expect(snapshot.classify("id-1", "h")).toBe("new");
  });

  it("lets deletions be confirmed while the deleted ids are read", () => {
    run(Array.from({ length: 5_000 }, (_, i): Row => [`id-${String(i).padStart(5, "0")}`, i]));
    snapshot.classify("id-00000", rowHash(["id-00000", 0]));
    let count = 0;
    for (const id of snapshot.deletedIds()) {
      snapshot.confirmDeleted([id]);
      count++;
    }
    snapshot.endRun();
    expect(count).toBe(4_999);
    expect(run([["id-00000", 0]]).deleted).toEqual([]);
  });

  it("forgets everything on reset, so every row is sent again", () => {
    run([["1", "ada"], ["2", "grace"]]);
    snapshot.reset();
    expect(run([["1", "ada"], ["2", "grace"]])).toEqual({ new: ["1", "2"], deleted: [] });
  });

  it("keeps the snapshot across close and open", () => {
    run([["1", "ada"], ["2", "grace"]]);
    snapshot.close();
    snapshot = ChangeSnapshot.open(file);
    expect(run([["2", "grace"], ["3", "linus"]])).toEqual({ unchanged: ["2"], new: ["3"], deleted: ["1"] });
  });
});

describe("rowIdentity", () => {
  it("gives one identifier column as its text", () => {
    expect(rowIdentity([42, "x"], [0])).toBe("42");
    expect(rowIdentity(["ada@example.com"], [0])).toBe("ada@example.com");
    expect(rowIdentity([12345678901234567890n], [0])).toBe("12345678901234567890");
    expect(rowIdentity([new Date("2026-01-02T03:04:05Z")], [0])).toBe("2026-01-02T03:04:05.000Z");
  });

  it("joins composite identifiers so that they cannot collide and can be read back", () => {
    const id = rowIdentity(["acme", 7, "ignored"], [0, 1])!;
    expect(id).toBe('["acme","7"]');
    expect(identityValues(id, 2)).toEqual(["acme", "7"]);
    expect(rowIdentity(["a,b", "c"], [0, 1])).not.toBe(rowIdentity(["a", "b,c"], [0, 1]));
    expect(identityValues("42", 1)).toEqual(["42"]);
  });

  it("refuses a NULL or empty identifier, in any part", () => {
    expect(rowIdentity([null], [0])).toBeNull();
    expect(rowIdentity([""], [0])).toBeNull();
    expect(rowIdentity([undefined], [0])).toBeNull();
    expect(rowIdentity(["acme", null], [0, 1])).toBeNull();
    expect(rowIdentity([NaN], [0])).toBeNull();
  });

  it("tells composite identifiers apart in the snapshot", () => {
    const a = rowIdentity(["acme", 1], [0, 1])!;
    const b = rowIdentity(["acme", 2], [0, 1])!;
    expect(snapshot.classify(a, "h")).toBe("new");
    expect(snapshot.classify(b, "h")).toBe("new");
    expect(snapshot.classify(a, "h")).toBe("duplicate");
  });
});

describe("rowHash", () => {
  it("does not change with object key order, at any depth", () => {
    const a = rowHash([1, { b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }]);
    const b = rowHash([1, { a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("changes with any value, its type, or the column order", () => {
    const base = rowHash(["1", "ada", 10]);
    expect(rowHash(["1", "ada", 11])).not.toBe(base);
    expect(rowHash(["1", "ada", "10"])).not.toBe(base);
    expect(rowHash(["1", 10, "ada"])).not.toBe(base);
    expect(rowHash(["1", "ada", 10], "columns:id,name,n")).not.toBe(base);
  });

  it("hashes values as the engine sends them", () => {
    expect(canonicalJson([5n, 18446744073709551616n, new Date("2026-01-02T00:00:00Z"), Buffer.from("hi"), -0, Infinity, undefined])).toBe(
      '[5,"18446744073709551616","2026-01-02T00:00:00.000Z","aGk=",0,"Infinity",null]',
    );
    expect(canonicalJson({ b: undefined, a: "é\n" })).toBe('{"a":"é\\n"}');
    expect(rowHash([5n])).toBe(rowHash([5]));
  });
});

describe("ChangeSnapshot's index of stored hashes", () => {
  it("finds unchanged rows, repeats of them and rows changed back in the run as a lookup on disk would", () => {
    run([["1", "ada"], ["2", "grace"], ["3", "linus"]]);
    expect(snapshot.classify("1", rowHash(["1", "ada"]))).toBe("unchanged");
    expect(snapshot.classify("1", rowHash(["1", "ada"]))).toBe("duplicate");
    expect(snapshot.classify("2", rowHash(["2", "grace hopper"]))).toBe("changed");
    snapshot.confirm([{ id: "2", hash: rowHash(["2", "grace hopper"]) }]);
    // Its old content again: the index still holds that hash, and the id was seen.
    expect(snapshot.classify("2", rowHash(["2", "grace"]))).toBe("duplicate");
    expect(snapshot.classify("4", rowHash(["4", "margaret"]))).toBe("new");
    expect([...snapshot.deletedIds()]).toEqual(["3"]);
    snapshot.endRun();
    expect(run([["2", "grace"], ["1", "ada"]])).toEqual({ changed: ["2"], unchanged: ["1"], deleted: ["3"] });
  });
});
