/**
 * The caller's address for the sign-in limits. Route handlers don't see the socket, but Next.js
 * puts its address in X-Forwarded-For when the request has none, and a proxy in front appends the
 * address it saw: so the last entry is the one a client cannot choose, whenever a proxy is there.
 * Without a proxy a client can send its own header and pick its bucket; the per-email limit holds
 * regardless.
 */
export function clientAddress(headers: Pick<Headers, "get">): string {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries.at(-1) ?? "unknown";
}

/**
 * Reached over HTTPS: NEXTAUTH_URL says so, or a TLS proxy does (X-Forwarded-Proto; Next.js sets
 * it from the socket when no proxy did). A client faking it only gets cookies it cannot send back
 * over plain HTTP.
 */
export function reachedOverHttps(headers: Pick<Headers, "get">): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" || (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
}
