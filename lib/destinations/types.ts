import type { z } from "zod";
import type { UrlPolicy } from "../http/url-guard";
import type { Envelope } from "../sync/batch-calls";

export type DestinationSpec = {
  kind: string;
  displayName: string;
  description: string;
  configSchema: z.ZodType;
  /** Config keys stored encrypted and never sent back to the browser. */
  secretKeys: readonly string[];
};

export type DeliveryContext = {
  destinationId: string;
  policy: UrlPolicy;
  signal?: AbortSignal;
  /** Where the built-in inbox keeps what it receives (the app database). */
  storeInbox: (destinationId: string, batch: Envelope[]) => Promise<void>;
};

/**
 * A destination writer: pure, a batch of prepared calls in. It resolves when the destination took
 * the batch; throws RejectedError when it refused the batch for good (those rows fail, the run goes
 * on) and UnavailableError / UnsafeUrlError when it cannot be used now (the run fails).
 */
export type Destination<TConfig = Record<string, unknown>> = {
  spec: DestinationSpec;
  send(config: TConfig, batch: Envelope[], context: DeliveryContext): Promise<void>;
};

/** `{"batch":[…],"sentAt":…}` from calls already in JSON, without parsing them again. */
export function batchBody(batch: Envelope[]): string {
  return `{"batch":[${batch.map((envelope) => envelope.json).join(",")}],"sentAt":"${new Date().toISOString()}"}`;
}
