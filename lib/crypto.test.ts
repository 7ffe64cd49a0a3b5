import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./crypto";

const key = randomBytes(32);
const otherKey = randomBytes(32);

/** Replaces one `:`-separated part of an envelope after changing its bytes. */
function withPart(envelope: string, index: number, change: (bytes: Buffer) => Buffer): string {
  const parts = envelope.split(":");
  parts[index] = change(Buffer.from(parts[index], "base64")).toString("base64");
  return parts.join(":");
}

const flipFirstBit = (bytes: Buffer) => {
  const copy = Buffer.from(bytes);
  copy[0] ^= 1;
  return copy;
};

describe("encryptSecret / decryptSecret", () => {
  it.each([
    ["a password", "hunter2"],
    ["the empty string", ""],
    ["unicode", "pässwörd 🔑 密码"],
    ["JSON", JSON.stringify({ host: "db.internal", password: "p:a:s:s" })],
    ["a long text", "x".repeat(100_000)],
  ])("round-trips %s", (_label, plaintext) => {
    expect(decryptSecret(encryptSecret(plaintext, key), key)).toBe(plaintext);
  });

  it("produces a versioned envelope that does not contain the plaintext", () => {
    const envelope = encryptSecret("correct horse battery staple", key);
    const [version, iv, tag, data] = envelope.split(":");
    expect(envelope.split(":")).toHaveLength(4);
    expect(version).toBe("v1");
    expect(Buffer.from(iv, "base64")).toHaveLength(12);
    expect(Buffer.from(tag, "base64")).toHaveLength(16);
    expect(Buffer.from(data, "base64")).toHaveLength("correct horse battery staple".length);
    expect(envelope).not.toContain("correct horse");
    expect(Buffer.from(data, "base64").toString("utf8")).not.toContain("correct horse");
  });

  it("encrypts the same text differently each time (fresh IV)", () => {
    const a = encryptSecret("same text", key);
    const b = encryptSecret("same text", key);
    expect(a).not.toBe(b);
    expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
    expect(decryptSecret(a, key)).toBe("same text");
    expect(decryptSecret(b, key)).toBe("same text");
  });

  it("refuses to decrypt with a different key", () => {
    const envelope = encryptSecret("secret", key);
    expect(() => decryptSecret(envelope, otherKey)).toThrow();
  });

  it.each([
    ["the IV", 1],
    ["the auth tag", 2],
    ["the ciphertext", 3],
  ])("detects a tampered %s", (_label, index) => {
    const envelope = encryptSecret("secret value", key);
    expect(() => decryptSecret(withPart(envelope, index, flipFirstBit), key)).toThrow();
  });

  it.each([12, 8, 4])("refuses an auth tag truncated to %i bytes", (length) => {
    // GCM would otherwise check only the given prefix of the tag, making forgery far easier.
    const envelope = encryptSecret("secret value", key);
    expect(() => decryptSecret(withPart(envelope, 2, (tag) => tag.subarray(0, length)), key)).toThrow();
  });

  it("detects a truncated ciphertext", () => {
    const envelope = encryptSecret("secret value", key);
    expect(() => decryptSecret(withPart(envelope, 3, (data) => data.subarray(0, data.length - 1)), key)).toThrow();
  });

  it.each([
    ["an unknown version", (e: string) => e.replace(/^v1:/, "v2:")],
    ["missing parts", (e: string) => e.split(":").slice(0, 3).join(":")],
    ["a plain string", () => "not an envelope"],
    ["an empty string", () => ""],
  ])("refuses %s", (_label, mangle) => {
    const envelope = encryptSecret("secret", key);
    expect(() => decryptSecret(mangle(envelope), key)).toThrow();
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => encryptSecret("secret", randomBytes(16))).toThrow();
  });
});
