import { z } from "zod";
import type { DeliveryControls } from "../http/delivery-controls";
import type { UrlPolicy } from "../http/url-guard";
import type { Envelope } from "../calls/envelope";

export type DestinationSpec = {
  kind: string;
  displayName: string;
  description: string;
  configSchema: z.ZodType;
  /** Config keys stored encrypted and never sent back to the browser. */
  secretKeys: readonly string[];
  /** Requests in flight and started per second (0 = unlimited) unless the config says otherwise. */
  defaults: { concurrency: number; rateLimitPerSecond: number };
  /** The largest single call the service accepts, in bytes of JSON (Segment, Customer.io: 32 KB). */
  maxCallBytes?: number;
};

/** Settings every HTTP destination has: how hard Tidewater may push it. */
export const ZDeliveryTuningSchema = z.object({
  concurrency: z.coerce.number().int().min(1, "At least 1").max(32, "At most 32").optional(),
  rateLimitPerSecond: z.coerce.number().int().min(0).max(10_000).optional(),
});

export type DeliveryContext = {
  destinationId: string;
  policy: UrlPolicy;
  signal?: AbortSignal;
  /** This destination's concurrency, rate limit and circuit breaker for the run. */
  controls?: DeliveryControls;
  /** Where the built-in inbox keeps what it receives (the app database). */
  storeInbox: (destinationId: string, batch: Envelope[]) => Promise<void>;
};

/**
 * A destination writer: pure, a batch of prepared calls in. It resolves when the destination took
 * the batch; throws RejectedError when it refused the batch for good (those rows fail, the run goes
 * on) and UnavailableError / UnsafeUrlError / CircuitOpenError when it cannot be used now (the run
 * fails, and the rows are sent again next run).
 */
export type Destination<TConfig = Record<string, unknown>> = {
  spec: DestinationSpec;
  /** May return the calls it refused one by one (per-call delivery); the rest were taken. */
  send(config: TConfig, batch: Envelope[], context: DeliveryContext): Promise<Refusal[] | void>;
};

export type Refusal = { envelope: Envelope; reason: string };
