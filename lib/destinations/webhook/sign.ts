import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "x-tidewater-signature";

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the receiver recomputes it with the shared
 * secret and rejects old timestamps, so a captured request cannot be replayed later.
 */
export function signatureHeader(secret: string, body: string | Buffer, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  const digest = createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}
