import { createHash } from "node:crypto";

/** An SSH host key as the server sent it (wire format), in the two forms people compare. */
export type HostKey = { openssh: string; fingerprint: string };

export function describeHostKey(blob: Buffer): HostKey {
  // The blob starts with its algorithm name as an SSH string: uint32 length, then the bytes.
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const algorithm = length > 0 && length < 64 ? blob.subarray(4, 4 + length).toString("latin1") : "unknown";
  return {
    openssh: `${algorithm} ${blob.toString("base64")}`,
    fingerprint: `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`,
  };
}

/** Whether `pinned` (an OpenSSH line, with or without comment, or a SHA256 fingerprint) is `seen`. */
export function hostKeyMatches(pinned: string, seen: HostKey): boolean {
  const text = pinned.trim();
  if (/^SHA256:/.test(text)) return text.replace(/=+$/, "") === seen.fingerprint;
  const [algorithm, key] = text.split(/\s+/);
  return `${algorithm} ${key}` === seen.openssh;
}
