import { describe, expect, it } from "vitest";
import { Hash128 } from "./hash-128";

const hex = (digest: string) => Buffer.from(digest, "base64url").toString("hex");

function hashUnits(text: string): string {
  const hasher = new Hash128().reset();
  for (let i = 0; i < text.length; i++) hasher.unit(text.charCodeAt(i));
  return hex(hasher.digest());
}

describe("Hash128", () => {
  // MurmurHash3_x86_128, seed 0, of each text's UTF-16LE bytes, as the reference implementation
  // (murmurhash3js-revisited's x86.hash128) gives them.
  it.each([
    ["", "00000000000000000000000000000000"],
    ["a", "033bb196ccef4fe1ccef4fe1ccef4fe1"],
    ["hello, world", "a852c8b9fdc4dd348d5ff2b878131e89"],
    ["12345678", "083fc1f2e182fa4fbd464907c7fddd7a"],
    ["123456789", "0ae17570d324424ae1c75a004f4b9699"],
    ["Grüße, 🌊 Tidewater", "4d6dc38f4f1f5416d1c61a1f5de74480"],
  ])("is MurmurHash3 x86_128 of %j's UTF-16LE bytes", (text, expected) => {
    expect(hashUnits(text)).toBe(expected);
  });

  it("gives 22 base64url characters and the same hash however the units were fed", () => {
    const long = "x".repeat(10_000); // past the first buffer, which then grows
    const hasher = new Hash128();
    hasher.reset().text(long);
    const whole = hasher.digest();
    expect(whole).toMatch(/^[A-Za-z0-9_-]{22}$/);
    hasher.reset();
    hasher.unit(long.length);
    hasher.unit(0);
    for (let i = 0; i < long.length; i++) hasher.unit(long.charCodeAt(i));
    expect(hasher.digest()).toBe(whole);
  });

  it("starts afresh at reset", () => {
    const hasher = new Hash128();
    hasher.reset().text("first");
    const first = hasher.digest();
    hasher.reset().text("second");
    hasher.digest();
    hasher.reset().text("first");
    expect(hasher.digest()).toBe(first);
  });

  it("tells apart strings that only a length prefix separates, and numbers by their bits", () => {
    const of = (feed: (hasher: Hash128) => void) => {
      const hasher = new Hash128().reset();
      feed(hasher);
      return hasher.digest();
    };
    expect(of((h) => (h.text("ab"), h.text("c")))).not.toBe(of((h) => (h.text("a"), h.text("bc"))));
    expect(of((h) => h.number(1))).not.toBe(of((h) => h.number(1.0000000000000002)));
    expect(of((h) => h.number(0.1 + 0.2))).toBe(of((h) => h.number(0.30000000000000004)));
  });
});

describe("Hash128 seeds", () => {
  it("tells apart hashes of the same units under different seeds, and gives one seed's hashes again", () => {
    const seeded = (prefix: string, text: string) => new Hash128().reset(new Hash128().reset().text(prefix).asSeed()).text(text).digest();
    expect(seeded("identify\nid", "ada")).not.toBe(seeded("track\nid", "ada"));
    expect(seeded("identify\nid", "ada")).toBe(seeded("identify\nid", "ada"));
    expect(seeded("identify\nid", "ada")).not.toBe(new Hash128().reset().text("ada").digest());
  });
});
