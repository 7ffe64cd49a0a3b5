import { describe, expect, it } from "vitest";
import { rowHash } from "./row-hash";
import { StoredHashIndex } from "./stored-hash-index";

describe("StoredHashIndex", () => {
  it("finds the slot of every hash it was given, from single adds and from group_concat pages alike", () => {
    const hashes = Array.from({ length: 5_000 }, (_, i) => rowHash([i, `user${i}`]));
    const index = new StoredHashIndex(hashes.length);
    hashes.slice(0, 2_000).forEach((hash, slot) => index.add(hash, slot));
    index.addPairs(hashes.slice(2_000).map((hash, i) => `${hash} ${2_000 + i}`).join(" "));
    hashes.forEach((hash, slot) => expect(index.slotOf(hash)).toBe(slot));
  });

  it("answers -1 for a hash it does not hold, and for one too short or not base64url to be read", () => {
    const index = new StoredHashIndex(10);
    index.add(rowHash(["1"]), 0);
    index.add("short", 1);
    index.add("h", 2);
    expect(index.slotOf(rowHash(["2"]))).toBe(-1);
    expect(index.slotOf("short")).toBe(-1);
    expect(index.slotOf("h")).toBe(-1);
    expect(index.slotOf("!!!!!!!!!!!!!!!!!!!!!!")).toBe(-1);
  });

  it("wraps its probes around the end of the table when it is full to its load limit", () => {
    const index = new StoredHashIndex(12);
    const hashes = Array.from({ length: 12 }, (_, i) => rowHash([i]));
    hashes.forEach((hash, slot) => index.add(hash, slot));
    hashes.forEach((hash, slot) => expect(index.slotOf(hash)).toBe(slot));
  });
});
