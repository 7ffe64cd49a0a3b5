// The engine's retry stage: rows earlier runs could not deliver, sent again after this run's own
// rows (which supersede them), in batches within the same bounds, a page of waiting rows at a time.
import type { Envelope } from "../../calls/envelope";
import type { DeliveryContext } from "../../destinations/types";
import { DEFAULT_BATCH_LIMITS } from "./batch";
import { Deliveries, type Target } from "./deliver";
import type { RetryQueue } from "../retries/retry-queue";
import { ENVELOPE_OVERHEAD } from "../../calls/batch-body";

export async function sendRetries(
  queue: RetryQueue,
  targets: readonly Target[],
  context: Omit<DeliveryContext, "destinationId" | "controls">,
  concurrency: number,
  confirm: (delivered: Envelope[]) => Promise<void>,
): Promise<void> {
  const deliveries = new Deliveries(
    targets,
    context,
    concurrency,
    async (_batch, outcome) => {
      await confirm(outcome.delivered);
      await queue.afterRetry(outcome);
    },
    (batch, reason) => queue.afterRetryUndelivered(batch, reason),
  );
  try {
    for await (const page of queue.waiting()) {
      if (context.signal?.aborted) break;
      for (const batch of batchesOf(page)) await deliveries.send(batch);
    }
    await deliveries.drain();
  } catch (error) {
    await deliveries.settle();
    throw error;
  }
}

/** Consecutive calls grouped within the batch limits (count and bytes). */
function* batchesOf(calls: Envelope[]): Iterable<Envelope[]> {
  let batch: Envelope[] = [];
  let bytes = ENVELOPE_OVERHEAD;
  for (const call of calls) {
    if (batch.length > 0 && (batch.length >= DEFAULT_BATCH_LIMITS.maxCalls || bytes + call.bytes + 1 > DEFAULT_BATCH_LIMITS.maxBytes)) {
      yield batch;
      batch = [];
      bytes = ENVELOPE_OVERHEAD;
    }
    batch.push(call);
    bytes += call.bytes + 1;
  }
  if (batch.length > 0) yield batch;
}
