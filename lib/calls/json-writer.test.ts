import { describe, expect, it } from "vitest";
import { JsonWriter, utf8 } from "./json-writer";

const written = (out: JsonWriter) => out.buffer.toString("utf8", 0, out.length);

describe("JsonWriter", () => {
  it("writes strings exactly as JSON.stringify, short and long, ASCII or not", () => {
    const pieces = ["a", "Z", " ", '"', "\\", "\n", "\u0001", "\u007f", "é", "✓", "😀", "\ud800", "\udc00", "/", "<"];
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const out = new JsonWriter(Buffer.alloc(4)); // grows as it goes
    const expected: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const length = Math.floor(random() * 140);
      let text = "";
      for (let j = 0; j < length; j++) text += random() < 0.9 ? "abcdefghij"[Math.floor(random() * 10)] : pieces[Math.floor(random() * pieces.length)];
      if (i > 0) out.byte(0x2c);
      out.string(text);
      expected.push(JSON.stringify(text));
    }
    expect(written(out)).toBe(expected.join(","));
  });

  it("writes JSON text and pre-encoded bytes, and drops what is cut off", () => {
    const out = new JsonWriter(Buffer.alloc(2));
    out.bytes(utf8('{"a":'));
    out.json(JSON.stringify({ b: [1, "ü", null] }));
    const cut = out.length;
    out.json("x".repeat(500));
    out.length = cut;
    out.byte(0x7d);
    expect(JSON.parse(written(out))).toEqual({ a: { b: [1, "ü", null] } });
  });
});
