// The attempt limits count in fixed whole-minute windows (lib/auth/rate-limit.ts): a test that counts
// up to a limit must not straddle a window's end, or the count starts over halfway.

/** Waits for the next minute when fewer than `marginMs` are left of this one. */
export async function awayFromMinuteEdge(marginMs = 8_000) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}
