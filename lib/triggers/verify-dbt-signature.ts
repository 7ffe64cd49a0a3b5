// dbt Cloud signs each webhook: the `authorization` header is the hex HMAC-SHA256 of the raw request
// body, keyed with the webhook's secret token (dbt's docs, "Validate a webhook").
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export function dbtSignatureOf(secret: string, rawBody: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");
}

/** Whether `header` is the body's signature. Constant time: both sides are hashed to equal lengths first. */
export function dbtSignatureMatches(secret: string, rawBody: string, header: string | null): boolean {
  if (!header) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  const expected = dbtSignatureOf(secret, rawBody);
  return timingSafeEqual(digest(expected), digest(header.trim().toLowerCase()));
}
