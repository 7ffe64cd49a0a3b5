import { describe, expect, it } from "vitest";
import { describeHostKey, hostKeyMatches } from "./host-key";
import { generateKeyPair } from "./keys";

describe("host keys", () => {
  const [algorithm, base64] = generateKeyPair().publicKey.split(" ");
  const seen = describeHostKey(Buffer.from(base64, "base64"));

  it("describes a key the way OpenSSH prints it", () => {
    expect(seen.openssh).toBe(`${algorithm} ${base64}`);
    expect(seen.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it("matches a pinned OpenSSH line (comment or not) or fingerprint, and nothing else", () => {
    expect(hostKeyMatches(`${algorithm} ${base64} root@bastion`, seen)).toBe(true);
    expect(hostKeyMatches(seen.fingerprint, seen)).toBe(true);
    expect(hostKeyMatches(generateKeyPair().publicKey, seen)).toBe(false);
    expect(hostKeyMatches("SHA256:AAAA", seen)).toBe(false);
  });
});
