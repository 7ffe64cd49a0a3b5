import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ResultShapeError } from "../plan-columns";
import { ChangeSnapshot } from "./change-snapshot";
import { confirmDelivered, deletionEnvelope, RowTracker } from "./track-changes";

let dir: string;
let snapshot: ChangeSnapshot;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tidewater-track-"));
  snapshot = ChangeSnapshot.open(path.join(dir, "sync.db"));
});

afterEach(() => {
  snapshot.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("RowTracker", () => {
  it("finds identifier columns without regard to case and names the result's columns when one is missing", () => {
    expect(new RowTracker(snapshot, ["userId", "ORG"], "identify", ["org", "userid", "email"]).idIndexes).toEqual([1, 0]);
    expect(() => new RowTracker(snapshot, ["customer_id"], "identify", ["userid", "email"])).toThrow(
      new ResultShapeError('The identifier column "customer_id" is not in the query\'s result; it returned "userid", "email". Change the sync\'s identifier columns or the query.'),
    );
  });

  it("sends a row until it is confirmed, then skips it while it stays the same", () => {
    const tracker = new RowTracker(snapshot, ["id"], "identify", ["id", "plan"]);
    const first = tracker.check([1, "pro"]);
    expect(first).toEqual({ send: true, tracked: { id: "1", hash: expect.any(String) } });
    expect(tracker.check([1, "free"])).toEqual({ send: false, reason: 'Identifier id="1" appears more than once in this result; only its first row is used.' });
    expect(tracker.check([null, "free"])).toEqual({ send: false, reason: 'The identifier column(s) "id" are empty in this row.' });
    snapshot.endRun();
    expect(tracker.check([1, "pro"]).send).toBe(true); // never confirmed: sent again
    if (first.send) confirmDelivered(snapshot, [{ rowNumber: 1, messageId: "m", json: "{}", bytes: 2, tracked: first.tracked }]);
    snapshot.endRun();
    expect(tracker.check([1, "pro"])).toEqual({ send: false });
  });

  it("counts the call type and the column names as part of the row", () => {
    const identify = new RowTracker(snapshot, ["id"], "identify", ["id", "plan"]).check([1, "pro"]);
    snapshot.endRun();
    const track = new RowTracker(snapshot, ["id"], "track", ["id", "plan"]).check([1, "pro"]);
    expect(identify.send && track.send && identify.tracked.hash !== track.tracked.hash).toBe(true);
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
