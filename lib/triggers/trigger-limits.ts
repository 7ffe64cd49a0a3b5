// Inbound triggers are public addresses: 20 calls a minute per trigger URL, 120 per client address.
import { clientAddress } from "../auth/client-address";
import { consumeAttempt, RateLimitedError, type TLimit } from "../auth/rate-limit";
import { hashTriggerToken } from "./trigger-token";

export const TRIGGER_PER_ADDRESS: TLimit = { scope: "trigger-address", limit: 120, windowSeconds: 60 };
export const TRIGGER_PER_URL: TLimit = { scope: "trigger-url", limit: 20, windowSeconds: 60 };

/** Counted before the secret is looked up, so guessing secrets is slowed down too. */
export async function consumeTriggerAddressAttempt(headers: Pick<Headers, "get">) {
  const attempt = await consumeAttempt(TRIGGER_PER_ADDRESS, clientAddress(headers));
  if (!attempt.allowed) throw new RateLimitedError("calls from this address", attempt.retryAfterSeconds);
}

/** Counted once the secret is known to name a sync: a leaked URL cannot start runs in a tight loop. */
export async function consumeTriggerUrlAttempt(token: string) {
  const attempt = await consumeAttempt(TRIGGER_PER_URL, hashTriggerToken(token));
  if (!attempt.allowed) throw new RateLimitedError("calls of this trigger URL", attempt.retryAfterSeconds);
}
