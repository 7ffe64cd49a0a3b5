// The sign-in limits: 10 attempts a minute per email and per client address; a successful
// sign-in does not count. Checked in app/api/auth/[...nextauth]/route.ts before next-auth runs.
import { clientAddress } from "./client-address";
import { consumeAttempt, refundAttempt, type TLimit } from "./rate-limit";

export const SIGN_IN_PER_EMAIL: TLimit = { scope: "sign-in-email", limit: 10, windowSeconds: 60 };
export const SIGN_IN_PER_ADDRESS: TLimit = { scope: "sign-in-address", limit: 10, windowSeconds: 60 };

export const normalizeEmail = (email: unknown) => (typeof email === "string" ? email.trim().toLowerCase() : "");

/** Counts a sign-in attempt; refused with the seconds to wait when either limit is reached. */
export async function consumeSignInAttempt(email: string, headers: Pick<Headers, "get">) {
  const attempts = await Promise.all([
    consumeAttempt(SIGN_IN_PER_EMAIL, normalizeEmail(email)),
    consumeAttempt(SIGN_IN_PER_ADDRESS, clientAddress(headers)),
  ]);
  const refused = attempts.filter((attempt) => !attempt.allowed);
  return refused.length === 0
    ? { allowed: true as const }
    : { allowed: false as const, retryAfterSeconds: Math.max(...refused.map((attempt) => attempt.retryAfterSeconds)) };
}

/** A sign-in that succeeded gives back the slots its attempt took. */
export async function refundSignInAttempt(email: string, headers: Pick<Headers, "get">) {
  await Promise.all([refundAttempt(SIGN_IN_PER_EMAIL, normalizeEmail(email)), refundAttempt(SIGN_IN_PER_ADDRESS, clientAddress(headers))]);
}
