import { describe, expect, it } from "vitest";
import { rowHash, rowHashWords } from "./row-hash";
import { StoredHashIndex } from "./stored-hash-index";

describe("StoredHashIndex", () => {
  it("finds the slot of every hash it was given, from single adds and from group_concat pages alike", () => {
    const hashes = Array.from({ length: 5_000 }, (_, i) => rowHash([i, `user${i}`]));
    const index = new StoredHashIndex(hashes.length);
    hashes.slice(0, 2_000).forEach((hash, slot) => index.add(hash, slot));
    index.addPairs(hashes.slice(2_000).map((hash, i) => `${hash} ${2_000 + i}`).join(" "));
    hashes.forEach((hash, slot) => expect(index.slotOfText(hash)).toBe(slot));
  });

  it("answers -1 for a hash it does not hold, and for one too short or not base64url to be read", () => {
    const index = new StoredHashIndex(10);
    index.add(rowHash(["1"]), 0);
    index.add("short", 1);
    index.add("h", 2);
    expect(index.slotOfText(rowHash(["2"]))).toBe(-1);
    expect(index.slotOfText("short")).toBe(-1);
    expect(index.slotOfText("h")).toBe(-1);
    expect(index.slotOfText("!!!!!!!!!!!!!!!!!!!!!!")).toBe(-1);
  });

  it("finds a row by its digest words as by its hash's text", () => {
    const index = new StoredHashIndex(100);
    for (let i = 0; i < 100; i++) index.add(rowHash([i, "x"]), i);
    for (let i = 0; i < 100; i++) expect(index.slotOf(rowHashWords([i, "x"]))).toBe(i);
    expect(index.slotOf(rowHashWords([100, "x"]))).toBe(-1);
  });

  it("wraps its probes around the end of the table when it is full to its load limit", () => {
    const index = new StoredHashIndex(12);
    const hashes = Array.from({ length: 12 }, (_, i) => rowHash([i]));
    hashes.forEach((hash, slot) => index.add(hash, slot));
    hashes.forEach((hash, slot) => expect(index.slotOfText(hash)).toBe(slot));
  });
});
