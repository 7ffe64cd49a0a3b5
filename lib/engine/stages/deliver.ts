// The engine's deliver stage: each batch to every destination of the sync, a bounded number at once.
import type { Batch } from "../../calls/batch-body";
import type { Envelope } from "../../calls/envelope";
import type { DeliveryContext, Destination } from "../../destinations/types";
import type { DeliveryControls } from "../../http/delivery-controls";
import { CircuitOpenError } from "../../http/circuit-breaker";
import { RejectedError, UnavailableError } from "../../http/post-json";
import { InFlight } from "./in-flight";

export type Target = {
  id: string;
  name: string;
  destination: Destination;
  config: Record<string, unknown>;
  controls?: DeliveryControls;
};

export type BatchOutcome = { delivered: Envelope[]; failed: { envelope: Envelope; reason: string }[] };

/**
 * Sends a batch to every destination of the sync. A row succeeds when every destination took it; a
 * destination that refuses it (a call over its size limit, a 4xx) fails that row with its reason.
 * Any other error (unavailable after retries, circuit open, unsafe URL) propagates and fails the run.
 */
export async function deliverBatch(
  batch: Envelope[],
  targets: readonly Target[],
  context: Omit<DeliveryContext, "destinationId" | "controls">,
): Promise<BatchOutcome> {
  const reasons = new Map<Envelope, string[]>();
  const refuse = (envelope: Envelope, reason: string) => reasons.set(envelope, [...(reasons.get(envelope) ?? []), reason]);
  await Promise.all(
    targets.map(async (target) => {
      const limit = target.destination.spec.maxCallBytes ?? Infinity;
      // The batch itself when every call fits: its request body is encoded already.
      const fitting = batch.every((envelope) => envelope.bytes <= limit) ? batch : batch.filter((envelope) => envelope.bytes <= limit);
      for (const envelope of batch) {
        if (envelope.bytes > limit) {
          refuse(envelope, `${target.name}: the call is ${envelope.bytes} bytes; ${target.destination.spec.displayName} accepts at most ${limit} bytes per call.`);
        }
      }
      if (fitting.length === 0) return;
      try {
        const refusals = await target.destination.send(target.config, fitting, { ...context, destinationId: target.id, controls: target.controls });
        for (const refusal of refusals ?? []) refuse(refusal.envelope, `${target.name}: ${refusal.reason}`);
      } catch (error) {
        if (!(error instanceof RejectedError)) throw error;
        for (const envelope of fitting) refuse(envelope, `${target.name}: ${error.message}`);
      }
    }),
  );
  if (reasons.size === 0) return { delivered: batch, failed: [] };
  return {
    delivered: batch.filter((envelope) => !reasons.has(envelope)),
    failed: batch.filter((envelope) => reasons.has(envelope)).map((envelope) => ({ envelope, reason: reasons.get(envelope)!.join("; ") })),
  };
}

/**
 * The run's deliveries: at most `concurrency` batches in flight across destinations, `send` waiting
 * while that many are (backpressure). Each outcome goes to `onOutcome` (confirm, record, release);
 * the first failure is thrown by a later `send` or by `drain`.
 */
export class Deliveries {
  private readonly inFlight: InFlight;

  constructor(
    private readonly targets: readonly Target[],
    private readonly context: Omit<DeliveryContext, "destinationId" | "controls">,
    concurrency: number,
    private readonly onOutcome: (batch: Batch, outcome: BatchOutcome) => Promise<void>,
    /** A batch no destination answer settled (unavailable after retries, circuit open); the run then fails. */
    private readonly onUndelivered?: (batch: Batch, reason: string) => Promise<void>,
  ) {
    this.inFlight = new InFlight(concurrency);
  }

  send(batch: Batch): Promise<void> {
    return this.inFlight.add(async () => {
      let outcome: BatchOutcome;
      try {
        outcome = await deliverBatch(batch, this.targets, this.context);
      } catch (error) {
        if (this.onUndelivered && (error instanceof UnavailableError || error instanceof CircuitOpenError)) await this.onUndelivered(batch, error.message);
        throw error;
      }
      await this.onOutcome(batch, outcome);
    });
  }

  /** Waits for every batch sent; throws the first failure. */
  drain(): Promise<void> {
    return this.inFlight.drain();
  }

  /** Waits for every batch sent, failed or not; never throws. */
  settle(): Promise<void> {
    return this.inFlight.settle();
  }
}
