// Fixed-window attempt counters in the app database (RateLimit), so every process of an install
// counts together. An attempt reserves its slot before the work it guards (so a burst of parallel
// attempts cannot all slip under the limit); a successful sign-in gives its slot back.
import { createHash } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";

export type TLimit = { scope: string; limit: number; windowSeconds: number };
export type TAttempt = { allowed: boolean; retryAfterSeconds: number; key: string };

/** Counts one attempt of `subject` (an email, an address) against the limit. */
export async function consumeAttempt(limit: TLimit, subject: string, now = Date.now()): Promise<TAttempt> {
  const { key, expiresAt } = windowOf(limit, subject, now);
  const count = await increment(key, expiresAt);
  if (count === 1) await db().rateLimit.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  return { allowed: count <= limit.limit, retryAfterSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now) / 1000)), key };
}

/** Gives an attempt's slot back (the sign-in succeeded). */
export async function refundAttempt(limit: TLimit, subject: string, now = Date.now()) {
  const { key } = windowOf(limit, subject, now);
  await db().rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

function windowOf({ scope, windowSeconds }: TLimit, subject: string, now: number) {
  const windowMs = windowSeconds * 1000;
  const window = Math.floor(now / windowMs);
  // Hashed: bounded keys, and no emails kept in this table.
  const key = `${scope}:${createHash("sha256").update(subject).digest("base64url").slice(0, 22)}:${window}`;
  return { key, expiresAt: new Date((window + 1) * windowMs) };
}

async function increment(key: string, expiresAt: Date): Promise<number> {
  for (let tries = 0; ; tries++) {
    try {
      // A database upsert (INSERT … ON CONFLICT DO UPDATE) on SQLite and PostgreSQL: atomic.
      const row = await db().rateLimit.upsert({ where: { key }, create: { key, count: 1, expiresAt }, update: { count: { increment: 1 } } });
      return row.count;
    } catch (error) {
      // Should Prisma ever fall back to select-then-insert, two first attempts race: the loser retries.
      if ((error as { code?: string }).code !== "P2002" || tries > 2) throw error;
    }
  }
}

/** Refused for now: the message says how long to wait, `retryAfterSeconds` goes in Retry-After. */
export class RateLimitedError extends AppError {
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super("too_many_requests", `Too many ${what}. Try again in ${retryAfterSeconds} seconds.`);
  }
}
