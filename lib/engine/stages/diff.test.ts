import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JsonText } from "../../connectors/json-text";
import { ReadOnlySnapshot } from "../change-tracking/read-only-snapshot";
import { legacyRowHashes, rowHash } from "../change-tracking/row-hash";
import { SqliteSnapshot } from "../change-tracking/sqlite-snapshot";
import { ResultShapeError } from "../plan-columns";
import { confirmDelivered, deletionEnvelope, RowTracker, sendDeletions } from "./diff";

let dir: string;
let file: string;
let snapshot: SqliteSnapshot;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tidewater-track-"));
  file = path.join(dir, "sync.db");
  snapshot = SqliteSnapshot.open(file);
});

afterEach(async () => {
  await snapshot.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Ends the run and opens the snapshot again, as the next run does. */
async function nextRun() {
  await snapshot.close();
  snapshot = SqliteSnapshot.open(file);
}

/** `nextRun`, on a snapshot file as an earlier version wrote it (without the mark that it holds only current hashes). */
async function nextRunOnAnEarlierVersionsFile() {
  await snapshot.close();
  const db = new Database(file);
  db.prepare("DELETE FROM meta WHERE key = 'current_hashes_only'").run();
  db.close();
  snapshot = SqliteSnapshot.open(file);
}

describe("RowTracker", () => {
  it("takes a jsonb row hashed the way earlier versions did as unchanged, once, and brings its hash up to date", async () => {
    const columns = ["id", "profile"];
    const salt = `identify\n${columns.join("\n")}`;
    const profile = () => new JsonText('{"b": [1, 2.50], "a": "x"}');
    // A snapshot from before: the parsed value's hash.
    await snapshot.confirm([{ id: "1", hash: legacyRowHashes(["1", profile()], salt)[1] }, { id: "2", hash: legacyRowHashes(["2", profile()], salt)[1] }]);
    await nextRunOnAnEarlierVersionsFile();
    const tracker = () => new RowTracker(snapshot, ["id"], "identify", columns);
    const verdicts = await tracker().checkPage([["1", profile()], ["2", new JsonText('{"b": [1, 2.50], "a": "changed"}')]]);
    expect(verdicts[0]).toEqual({ send: false });
    expect(verdicts[1]).toMatchObject({ send: true });
    expect((await snapshot.storedHashes(["1"])).get("1")).toBe(rowHash(["1", profile()], salt));
    await nextRun();
    expect(await tracker().checkPage([["1", profile()]])).toEqual([{ send: false }]);
  });

  it("looks for no earlier version's hashes in a snapshot this version created", async () => {
    const columns = ["id", "plan"];
    const row = ["1", "pro"];
    // Only a file an earlier version wrote can hold such a hash; one put here is not looked for.
    await snapshot.confirm([{ id: "1", hash: legacyRowHashes(row, `identify\n${columns.join("\n")}`)[0] }]);
    await nextRun();
    expect(snapshot.onlyCurrentHashes).toBe(true);
    expect((await new RowTracker(snapshot, ["id"], "identify", columns).checkPage([row]))[0]).toMatchObject({ send: true, change: "changed" });
    await nextRunOnAnEarlierVersionsFile();
    expect(snapshot.onlyCurrentHashes).toBe(false);
  });

  it("takes rows whose snapshot holds the MD5 hashes of earlier versions as unchanged, once, and still sends the changed ones", async () => {
    const columns = ["id", "plan", "logins"];
    const salt = `identify\n${columns.join("\n")}`;
    const rows = [["1", "pro", 3], ["2", "free", 0], ["3", "pro", 9]];
    await snapshot.confirm(rows.map((row) => ({ id: String(row[0]), hash: legacyRowHashes(row, salt)[0] })));
    await nextRunOnAnEarlierVersionsFile();
    const tracker = () => new RowTracker(snapshot, ["id"], "identify", columns);
    const verdicts = await tracker().checkPage([rows[0], ["2", "pro", 0], rows[2]]);
    expect(verdicts.map((verdict) => verdict.send)).toEqual([false, true, false]);
    expect((await snapshot.storedHashes(["1", "3"])).get("3")).toBe(rowHash(rows[2], salt));
    await nextRun();
    // Rehashed: the next run finds them unchanged without the earlier hashes.
    expect((await tracker().checkPage([rows[0], rows[2]])).map((verdict) => verdict.send)).toEqual([false, false]);
  });

  it("keeps the first row of a repeated id, in result order, when a later repeat is the stored row", async () => {
    const columns = ["id", "plan"];
    const tracker = () => new RowTracker(snapshot, ["id"], "identify", columns);
    const salt = `identify\n${columns.join("\n")}`;
    await snapshot.confirm([{ id: "1", hash: rowHash(["1", "pro"], salt) }, { id: "2", hash: rowHash(["2", "pro"], salt) }]);
    await nextRun();
    // Row 1 changed, then the stored row of id 1 again; id 2 stored, then changed; an empty id.
    const verdicts = await tracker().checkPage([["1", "free"], ["1", "pro"], ["2", "pro"], ["2", "free"], [null, "pro"]]);
    expect(verdicts[0]).toMatchObject({ send: true, change: "changed", tracked: { id: "1" } });
    expect(verdicts[1]).toEqual({ send: false, reason: 'Identifier id="1" appears more than once in this result; only its first row is used.' });
    expect(verdicts[2]).toEqual({ send: false });
    expect(verdicts[3]).toEqual({ send: false, reason: 'Identifier id="2" appears more than once in this result; only its first row is used.' });
    expect(verdicts[4]).toEqual({ send: false, reason: 'The identifier column(s) "id" are empty in this row.' });
  });

  it("leaves a dry run's snapshot as it was when it meets an earlier version's hash", async () => {
    const columns = ["id", "profile"];
    const legacy = legacyRowHashes(["1", new JsonText('{"a": 1}')], `identify\n${columns.join("\n")}`)[1];
    await snapshot.confirm([{ id: "1", hash: legacy }]);
    await nextRun();
    const readOnly = new ReadOnlySnapshot({
      hashes: (ids) => snapshot.storedHashes(ids),
      idsAfter: async () => [],
      close: async () => {},
    });
    expect(await new RowTracker(readOnly, ["id"], "identify", columns).checkPage([["1", new JsonText('{"a": 1}')]])).toEqual([{ send: false }]);
    expect((await snapshot.storedHashes(["1"])).get("1")).toBe(legacy);
  });

  it("finds identifier columns without regard to case and names the result's columns when one is missing", () => {
    expect(new RowTracker(snapshot, ["userId", "ORG"], "identify", ["org", "userid", "email"]).idIndexes).toEqual([1, 0]);
    expect(() => new RowTracker(snapshot, ["customer_id"], "identify", ["userid", "email"])).toThrow(
      new ResultShapeError('The identifier column "customer_id" is not in the query\'s result; it returned "userid", "email". Change the sync\'s identifier columns or the query.'),
    );
  });

  it("classifies a page at once: sends a row until it is confirmed, then skips it while it stays the same", async () => {
    const tracker = () => new RowTracker(snapshot, ["id"], "identify", ["id", "plan"]);
    const [first, duplicate, empty] = await tracker().checkPage([
      [1, "pro"],
      [1, "free"],
      [null, "free"],
    ]);
    expect(first).toEqual({ send: true, tracked: { id: "1", hash: expect.any(String) }, change: "new" });
    expect(duplicate).toEqual({ send: false, reason: 'Identifier id="1" appears more than once in this result; only its first row is used.' });
    expect(empty).toEqual({ send: false, reason: 'The identifier column(s) "id" are empty in this row.' });
    await nextRun();
    const [again] = await tracker().checkPage([[1, "pro"]]);
    expect(again.send).toBe(true); // never confirmed: sent again
    if (again.send) await confirmDelivered(snapshot, [{ rowNumber: 1, messageId: "m", json: "{}", bytes: 2, tracked: again.tracked }]);
    await nextRun();
    expect(await tracker().checkPage([[1, "pro"]])).toEqual([{ send: false }]);
    await nextRun();
    expect(await tracker().checkPage([[1, "team"]])).toEqual([{ send: true, tracked: { id: "1", hash: expect.any(String) }, change: "changed" }]);
  });

  it("sees a duplicate across pages of one run", async () => {
    const tracker = new RowTracker(snapshot, ["id"], "identify", ["id", "plan"]);
    expect((await tracker.checkPage([[7, "a"]]))[0].send).toBe(true);
    expect((await tracker.checkPage([[7, "b"]]))[0]).toEqual({ send: false, reason: expect.stringContaining("appears more than once") });
  });

  it("counts the call type and the column names as part of the row", async () => {
    const [identify] = await new RowTracker(snapshot, ["id"], "identify", ["id", "plan"]).checkPage([[1, "pro"]]);
    await nextRun();
    const [track] = await new RowTracker(snapshot, ["id"], "track", ["id", "plan"]).checkPage([[1, "pro"]]);
    expect(identify.send && track.send && identify.tracked.hash !== track.tracked.hash).toBe(true);
  });
});

describe("sendDeletions", () => {
  async function deliverRows(ids: number[]) {
    const verdicts = await new RowTracker(snapshot, ["id"], "identify", ["id"]).checkPage(ids.map((id) => [id]));
    await confirmDelivered(
      snapshot,
      verdicts.flatMap((verdict) => (verdict.send ? [{ rowNumber: 1, messageId: "m", json: "{}", bytes: 2, tracked: verdict.tracked }] : [])),
    );
    await nextRun();
  }

  it("sends a call for each identifier gone from the result, and forgets it only once it is delivered", async () => {
    await deliverRows([1, 2, 3]);
    await new RowTracker(snapshot, ["id"], "identify", ["id"]).checkPage([[2]]);
    const sent: string[] = [];
    await sendDeletions(snapshot, { idColumns: ["id"], onDeleted: "identify", syncId: "s", idCount: 1 }, async (envelope) => void sent.push(envelope.tracked!.id));
    expect(sent).toEqual(["1", "3"]);
    await nextRun();
    const again: string[] = [];
    await sendDeletions(snapshot, { idColumns: ["id"], onDeleted: "identify", syncId: "s", idCount: 1 }, async (envelope) => void again.push(envelope.tracked!.id));
    expect(again).toEqual(["1", "2", "3"]); // nothing seen in this run, nothing confirmed
  });

  it("forgets deleted identifiers at once when the sync sends nothing for them", async () => {
    await deliverRows([1, 2, 3]);
    await new RowTracker(snapshot, ["id"], "identify", ["id"]).checkPage([[3]]);
    await sendDeletions(snapshot, { idColumns: ["id"], onDeleted: "nothing", syncId: "s", idCount: 1 }, async () => expect.unreachable());
    await nextRun();
    const left: string[] = [];
    for await (const ids of snapshot.deletedIds()) left.push(...ids);
    expect(left).toEqual(["3"]);
  });
});

describe("deletionEnvelope", () => {
  it("builds an identify or track call for a deleted identifier, composite ids joined by ':'", () => {
    const identify = deletionEnvelope("identify", "42", 1, undefined, "sync_1");
    expect(JSON.parse(identify.json)).toEqual({ type: "identify", userId: "42", traits: { deleted: true }, messageId: identify.messageId });
    expect(identify.tracked).toEqual({ id: "42", hash: "", deleted: true });
    const track = deletionEnvelope("track", JSON.stringify(["acme", "2"]), 2, "Membership Removed", "sync_1");
    expect(JSON.parse(track.json)).toEqual({ type: "track", userId: "acme:2", event: "Membership Removed", properties: {}, messageId: track.messageId });
    expect(track.values).toEqual(["acme", "2"]);
    expect(deletionEnvelope("track", JSON.stringify(["acme", "2"]), 2, "Membership Removed", "sync_1").messageId).toBe(track.messageId);
  });
});
