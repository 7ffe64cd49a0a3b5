import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/support/seeded-random";
import { JsonText } from "../../connectors/json-text";
import { canonicalJson, legacyRowHashes, rowHash } from "./row-hash";

type Pick = <T>(options: readonly T[]) => T;

/** A value and another the engine sends the same way (another driver type, another key order). */
function valuePair(pick: Pick, random: () => number): [unknown, unknown] {
  const n = Math.floor(random() * 1000) - 500;
  const text = pick(["", "ada", "Grüße 🌊", "a\"b\\c\n", "10", "null", "true", "NaN", "2026-01-02T00:00:00.000Z", "aGk="]);
  const kind = Math.floor(random() * 12);
  switch (kind) {
    case 0:
      return [n, BigInt(n)];
    case 1:
      return [n / 8, n / 8];
    case 2:
      return [text, `${text}`];
    case 3:
      return [new Date(Date.UTC(2026, 0, 1 + (n & 7))), new Date(Date.UTC(2026, 0, 1 + (n & 7))).toISOString()];
    case 4:
      return [Buffer.from(text), Buffer.from(text).toString("base64")];
    case 5:
      return [-0, 0];
    case 6:
      return [pick([NaN, Infinity, -Infinity]), pick(["NaN", "Infinity", "-Infinity"])];
    case 7:
      return [{ b: n, a: [text, { y: null, x: true }] }, { a: [text, { x: true, y: null }], b: n }];
    case 8:
      return [new JsonText(JSON.stringify({ a: n, b: [text] })), { b: [text], a: n }];
    case 9:
      return [18446744073709551616n * BigInt(n | 1), (18446744073709551616n * BigInt(n | 1)).toString()];
    case 10:
      return [pick([null, undefined]), pick([null, undefined])];
    default:
      return [random() < 0.5, pick([true, false])];
  }
}

describe("rowHash", () => {
  it("is equal exactly when the canonical JSON is, for random rows of every kind of value", () => {
    const random = seededRandom(15);
    const pick: Pick = (options) => options[Math.floor(random() * options.length)];
    let equal = 0;
    let different = 0;
    for (let i = 0; i < 20_000; i++) {
      const a: unknown[] = [];
      const b: unknown[] = [];
      const width = 1 + Math.floor(random() * 6);
      for (let c = 0; c < width; c++) {
        const [x, y] = valuePair(pick, random);
        a.push(x);
        b.push(random() < 0.9 ? y : valuePair(pick, random)[1]);
      }
      const sameJson = canonicalJson(a) === canonicalJson(b);
      expect(rowHash(a, "identify\ncolumns") === rowHash(b, "identify\ncolumns"), `${canonicalJson(a)} / ${canonicalJson(b)}`).toBe(sameJson);
      if (sameJson) equal++;
      else different++;
    }
    // Both sides of the property were exercised.
    expect(equal).toBeGreaterThan(5_000);
    expect(different).toBeGreaterThan(1_000);
  });

  it("gives 200,000 rows that differ in one character 200,000 hashes, distinct in the 15 characters the run's index keeps", () => {
    const prefixes = new Set<string>();
    for (let i = 0; i < 200_000; i++) prefixes.add(rowHash([1, `user${i}@example.com`, i % 7 === 0]).slice(0, 15));
    expect(prefixes.size).toBe(200_000);
  });

  it("keeps the hashes of earlier versions for a row: MD5 of the canonical JSON, and with jsonb parsed", () => {
    const plain = ["1", "ada", 10];
    expect(legacyRowHashes(plain, "s")).toHaveLength(1);
    expect(legacyRowHashes(plain, "s")[0]).not.toBe(rowHash(plain, "s"));
    const [current, parsed] = legacyRowHashes(["1", new JsonText('{"b": 1, "a": 2}')], "s");
    expect(parsed).toBe(legacyRowHashes(["1", { a: 2, b: 1 }], "s")[0]);
    expect(current).not.toBe(parsed);
  });
});
