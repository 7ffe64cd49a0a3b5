import { describe, expect, it } from "vitest";
import type { WireColumn } from "../../connectors/known-rows";
import type { SnapshotStore } from "./snapshot-store";
import { WireRows } from "./wire-rows";

/** A DataRow payload as PostgreSQL sends it: the field count, then each field's length (-1: NULL) and text. */
function dataRow(fields: (string | null)[]): Buffer {
  const parts = [Buffer.from([fields.length >> 8, fields.length & 0xff])];
  for (const field of fields) {
    const length = Buffer.alloc(4);
    length.writeInt32BE(field === null ? -1 : Buffer.byteLength(field));
    parts.push(length, Buffer.from(field ?? ""));
  }
  return Buffer.concat(parts);
}

const COLUMNS: WireColumn[] = [
  { name: "userId", typeId: 23 },
  { name: "email", typeId: 25 },
];

/** A store whose index holds these slots, by the hash's first word, none of them seen. */
function storeWith(slots: Map<number, number> = new Map()) {
  return { rowByRow: { unseenSlotOf: (words: ArrayLike<number>) => slots.get(words[0]) ?? -1 } } as unknown as SnapshotStore;
}

function hashOf(fields: (string | null)[], columns = COLUMNS, type: "identify" | "track" = "identify") {
  const rows = new WireRows(storeWith(), ["userId"], type);
  rows.start(columns);
  const bytes = Buffer.concat([Buffer.from("prefix"), dataRow(fields)]);
  expect(rows.check(bytes, 6, bytes.length)).toBe(-1);
  return rows.lastHash();
}

describe("WireRows", () => {
  it("gives the hash this version stores: a change to it resends every tracked row, so it must be deliberate (WIRE_HASH_VERSION)", () => {
    expect(hashOf(["42", "ada@example.com"])).toBe("Ot56cDSByK-bJTpyiNCUAQ");
    expect(hashOf(["42", null])).toBe("SfboQpN79u-6aVZmh-tkXg");
  });

  it("tells apart rows whose bytes, column names, column types or call type differ", () => {
    const hashes = [
      hashOf(["42", "ada@example.com"]),
      hashOf(["42", "ada@example.co"]),
      hashOf(["42", ""]),
      hashOf(["42", null]),
      hashOf(["4", "2ada@example.com"]),
      hashOf(["42", "ada@example.com"], [COLUMNS[0], { name: "mail", typeId: 25 }]),
      hashOf(["42", "ada@example.com"], [{ name: "userId", typeId: 20 }, COLUMNS[1]]),
      hashOf(["42", "ada@example.com"], COLUMNS, "track"),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("finds a known row's slot once per result: the second row with the same bytes is decoded, as a duplicate needs its values", () => {
    const probe = new WireRows(storeWith(), ["userId"], "identify");
    probe.start(COLUMNS);
    const bytes = dataRow(["42", "ada@example.com"]);
    probe.check(bytes, 0, bytes.length);
    const firstWord = Buffer.from(probe.lastHash(), "base64url").readInt32BE(0);

    const rows = new WireRows(storeWith(new Map([[firstWord, 7]])), ["userId"], "identify");
    expect(rows.start(COLUMNS)).toEqual([0]);
    expect(rows.check(bytes, 0, bytes.length)).toBe(7);
    expect(rows.check(bytes, 0, bytes.length)).toBe(-1);
    const other = dataRow(["43", "ada@example.com"]);
    expect(rows.check(other, 0, other.length)).toBe(-1);
  });

  it("matches identifier columns as the tracker does, and gives no shortcut when one is missing", () => {
    const rows = new WireRows(storeWith(), ["email", "USERID"], "identify");
    expect(rows.start(COLUMNS)).toEqual([1, 0]);
    expect(new WireRows(storeWith(), ["customer_id"], "identify").start(COLUMNS)).toBeUndefined();
  });
});
