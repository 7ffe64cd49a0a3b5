import type { Destination, DeliveryContext } from "../destinations/types";
import { RejectedError } from "../http/post-json";
import type { Envelope } from "./batch-calls";

export type Target = { id: string; name: string; destination: Destination; config: Record<string, unknown> };

export type BatchOutcome = { delivered: Envelope[]; failed: { envelope: Envelope; reason: string }[] };

/**
 * Sends each batch to every destination of the sync. A row succeeds when every destination took it;
 * a destination that refuses a batch (4xx) fails those rows with its reason. Any other error
 * (unavailable after retries, unsafe URL) propagates and fails the run.
 */
export async function deliverBatch(
  batch: Envelope[],
  targets: readonly Target[],
  context: Omit<DeliveryContext, "destinationId">,
): Promise<BatchOutcome> {
  const refusals = await Promise.all(
    targets.map(async (target) => {
      try {
        await target.destination.send(target.config, batch, { ...context, destinationId: target.id });
        return null;
      } catch (error) {
        if (error instanceof RejectedError) return `${target.name}: ${error.message}`;
        throw error;
      }
    }),
  );
  const reasons = refusals.filter((reason): reason is string => reason !== null);
  if (reasons.length === 0) return { delivered: batch, failed: [] };
  const reason = reasons.join("; ");
  return { delivered: [], failed: batch.map((envelope) => ({ envelope, reason })) };
}
