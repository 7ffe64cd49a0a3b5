// The engine's run: read → (diff) → map → validate → batch → deliver → record, each a stage in
// stages/; this file only wires them together.
import type { Batch } from "../calls/batch-body";
import type { Envelope } from "../calls/envelope";
import type { ResultPage } from "../connectors/types";
import type { DeliveryContext } from "../destinations/types";
import { openSnapshot } from "./change-tracking/open-snapshot";
import type { SnapshotStore } from "./change-tracking/snapshot-store";
import { WireRows } from "./change-tracking/wire-rows";
import { Batcher } from "./stages/batch";
import { Deliveries, type Target } from "./stages/deliver";
import { confirmDelivered, RowTracker, sendDeletions, type ChangeTrackingInput, type Verdict } from "./stages/diff";
import type { ResultMapping } from "./stages/map";
import { resultMapping } from "./stages/map-mixed";
import { readPages, type ReadInput } from "./stages/read";
import type { RowError, RunStore } from "./stages/record";
import { sendRetries } from "./stages/retry";
import type { RetryQueue } from "./retries/retry-queue";
import type { TSyncType } from "./sync-types";

export type RunInput = Pick<ReadInput, "connector" | "sourceConfig" | "query" | "lastSyncTime" | "drain"> & {
  syncId: string;
  type: TSyncType;
  targets: Target[];
  delivery: Omit<DeliveryContext, "destinationId" | "controls">;
  /** Batches in flight at once, across destinations. */
  concurrency?: number;
  /** Send only rows new or changed since the last run, by these identifier columns. */
  changeTracking?: ChangeTrackingInput;
  /** Rows earlier runs could not deliver: sent again after this run's own rows. */
  retries?: RetryQueue;
  /** Retry failed rows: only the waiting rows, no query. */
  retryOnly?: boolean;
};

const RELEASED: unknown[] = [];

/** The run stopped early on purpose (shutdown); what it did not confirm is sent again next run. */
export class RunInterruptedError extends Error {}

/**
 * Runs a sync's query through the stages, recording error rows and counters as it goes. Memory
 * stays bounded: one page, the open batch and the batches in flight. It settles only once no batch
 * of the run is in flight, whether it succeeds or fails.
 */
export async function executeRun(input: RunInput, store: RunStore): Promise<void> {
  const tracking = input.changeTracking ? { ...input.changeTracking, snapshot: await openSnapshot(input.syncId) } : undefined;
  if (input.retries && tracking) input.retries.onGivenUp = (tracked) => confirmDelivered(tracking.snapshot, tracked.map((entry) => ({ tracked: entry }) as Envelope));
  try {
    if (!input.retryOnly) await runStages(input, store, tracking);
    if (input.retries && !input.drain?.aborted && !input.delivery.signal?.aborted) {
      await sendRetries(input.retries, input.targets, input.delivery, input.concurrency ?? 4, async (delivered) => {
        if (tracking) await confirmDelivered(tracking.snapshot, delivered);
      });
    }
  } finally {
    await tracking?.snapshot.close();
  }
}

type Tracking = ChangeTrackingInput & { snapshot: SnapshotStore };

async function runStages(input: RunInput, store: RunStore, tracking: Tracking | undefined): Promise<void> {
  const batcher = new Batcher();
  let mapping: ResultMapping | undefined;
  let tracker: RowTracker | undefined;
  const rowOfCall = (envelope: Envelope) => mapping!.rowOfCall(envelope, tracker?.idNames);
  const deliveries = new Deliveries(
    input.targets,
    input.delivery,
    input.concurrency ?? 4,
    async (batch, outcome) => {
      // Never the failed ones: they stay out of the snapshot and are sent again next run.
      if (tracking) await confirmDelivered(tracking.snapshot, outcome.delivered);
      await store.recordOutcome(outcome, rowOfCall);
      await input.retries?.afterFresh(outcome, rowOfCall);
      batcher.release(batch);
    },
    input.retries ? (batch, reason) => input.retries!.afterFreshUndelivered(batch, reason, rowOfCall) : undefined,
  );
  const send = async (batches: readonly (Batch | null)[]) => {
    for (const batch of batches) if (batch) await deliveries.send(batch);
  };
  try {
    const knownRows = tracking && new WireRows(tracking.snapshot, tracking.idColumns, input.type);
    for await (const page of readPages({ ...input, signal: input.delivery.signal, knownRows })) {
      if (!mapping) {
        mapping = resultMapping(input.type, page.columns, input.syncId);
        if (tracking) tracker = new RowTracker(tracking.snapshot, tracking.idColumns, input.type, page.columns);
      }
      const verdicts = tracker ? await tracker.checkPage(page.rows) : undefined;
      await mapPage(page, verdicts, mapping, batcher, send, store);
    }
    await send([batcher.flush()]);
    await deliveries.drain();
    // Deletions need the whole result: not after a drain or cancel, which stopped reading early.
    if (tracking && tracker && !input.drain?.aborted && !input.delivery.signal?.aborted) {
      const idCount = tracker.idIndexes.length;
      await sendDeletions(tracking.snapshot, { ...tracking, syncId: input.syncId, idCount }, (envelope) => send(batcher.add(envelope)));
      await send([batcher.flush()]);
      await deliveries.drain();
    }
  } catch (error) {
    // The run ends (its sync released, its counts written) only once its batches have: a next run
    // must not overlap this one's deliveries and retries.
    await deliveries.settle();
    throw error;
  }
  if (input.drain?.aborted) {
    throw new RunInterruptedError("Interrupted: Tidewater shut down during this run. Rows it had not delivered are sent again next run.");
  }
}

/** Maps a page's rows to calls in the batch filling, sending each batch as it fills. */
async function mapPage(
  page: ResultPage,
  verdicts: Verdict[] | undefined,
  mapping: ResultMapping,
  batcher: Batcher,
  send: (batches: readonly (Batch | null)[]) => Promise<void>,
  store: RunStore,
) {
  const errors: RowError[] = [];
  const rows = page.rows;
  for (let i = 0; i < rows.length; i++) {
    const values = rows[i];
    // Let each row go as soon as it is mapped: rows still referenced when the young generation is
    // collected get copied, and the page would keep every row of it alive to its end.
    rows[i] = RELEASED;
    const rowNumber = ++store.rowsRead;
    const verdict = verdicts?.[i];
    if (verdict && !verdict.send) {
      if (verdict.reason) errors.push({ rowNumber, row: mapping.rowOf(values), reason: verdict.reason });
      else store.rowsUnchanged++;
      continue;
    }
    const reason = mapping.write(values, batcher.open());
    if (reason !== undefined) {
      batcher.discard();
      errors.push({ rowNumber, row: mapping.rowOf(values), reason });
      continue;
    }
    const full = batcher.commit(rowNumber, verdict?.tracked);
    if (full.length > 0) await send(full);
  }
  await store.recordErrors(errors);
  await store.saveProgress();
}
