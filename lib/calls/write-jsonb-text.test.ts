import { describe, expect, it } from "vitest";
import { seededRandom } from "../../test/support/seeded-random";
import { JsonWriter } from "./json-writer";
import { numberJson, writeJsonbText } from "./write-jsonb-text";

const written = (text: string) => {
  const out = new JsonWriter(Buffer.alloc(4));
  return writeJsonbText(out, text) ? out.buffer.toString("utf8", 0, out.length) : undefined;
};
const stringifiedParse = (text: string) => JSON.stringify(JSON.parse(text));

/** Text shaped as PostgreSQL prints jsonb: keys by length then bytes, ", " and ": ", numeric scale kept. */
function jsonbText(value: unknown, numberText: (n: number) => string): string {
  if (value === null) return "null";
  if (typeof value === "number") return numberText(value);
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => jsonbText(item, numberText)).join(", ")}]`;
  const keys = Object.keys(value as object).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText((value as Record<string, unknown>)[key], numberText)}`).join(", ")}}`;
}

describe("writeJsonbText", () => {
  it("drops the spaces jsonb prints and keeps those inside strings", () => {
    expect(written('{"a": [1, 2], "b": "x, y: z", "c": {"d": null, "e": true}}')).toBe('{"a":[1,2],"b":"x, y: z","c":{"d":null,"e":true}}');
    expect(written('["say \\"hi\\", then: \\\\", "ü ✓ 😀", "\\u0001\\n"]')).toBe(stringifiedParse('["say \\"hi\\", then: \\\\", "ü ✓ 😀", "\\u0001\\n"]'));
  });

  it("writes numbers as JavaScript prints them", () => {
    for (const [jsonb, json] of [
      ["12.30000", "12.3"], ["0.50000000000000000000", "0.5"], ["-0.00", "0"], ["5.00", "5"], ["0.0000001", "1e-7"],
      ["0.000001000", "0.000001"], ["1e400", "null"], ["123456789012345678901234", "1.2345678901234569e+23"],
      ["9007199254740993", "9007199254740992"], ["-0", "0"], ["1.5E3", "1500"], ["0", "0"], ["-12.5", "-12.5"],
    ]) {
      expect(numberJson(jsonb), jsonb).toBe(json);
      expect(numberJson(jsonb)).toBe(JSON.stringify(JSON.parse(jsonb)));
    }
  });

  it("refuses integer keys, which JavaScript objects reorder", () => {
    expect(written('{"a": 1, "10": 2}')).toBeUndefined();
    expect(written('{"a": "10", "b": ["10"]}')).toBe('{"a":"10","b":["10"]}');
  });

  it("gives JSON.stringify(JSON.parse(text))'s bytes for random jsonb texts", () => {
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const strings = ["", "plain", 'quote " and \\ slash', "tab\tnew\nline\r\b\f", "\u0001\u001f\u007f", "é ü", "😀 ✓", "x, y: z", "10", "a".repeat(80)];
    const keys = ["a", "b", "ab", "source", "é", "with space", "__proto__", "x.y", "Z"];
    const value = (depth: number): unknown => {
      const kind = Math.floor(random() * (depth > 3 ? 4 : 6));
      if (kind === 0) return null;
      if (kind === 1) return random() < 0.5;
      if (kind === 2) return pick(strings);
      if (kind === 3) return pick([0, -1, 1.5, 12.3, 0.1, 1e-7, 123456.789, 2 ** 53 + 2, -0.25, 1e21, 3]);
      if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(keys), value(depth + 1)]));
    };
    // numeric keeps the scale it was computed with: some numbers come with trailing zeros.
    const numberText = (n: number) => (Number.isInteger(n) || random() < 0.5 ? String(n) : `${n}${"0".repeat(1 + Math.floor(random() * 6))}`.replace(/e/, "0e"));
    for (let i = 0; i < 5_000; i++) {
      const text = jsonbText(random() < 0.5 ? { root: value(0) } : [value(0)], numberText);
      expect(written(text), text).toBe(stringifiedParse(text));
    }
  });
});
