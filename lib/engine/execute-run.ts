import type { Connector } from "../connectors/types";
import type { DeliveryContext } from "../destinations/types";
import { Batcher, type Batch } from "./batch-calls";
import type { TCallType } from "./call-types";
import { ChangeSnapshot } from "./change-tracking/change-snapshot";
import { confirmDelivered, deletionEnvelope, RowTracker, type ChangeTrackingInput } from "./change-tracking/track-changes";
import { deliverBatch, type Target } from "./deliver";
import { InFlight } from "./in-flight";
import { LIMITS } from "./limits";
import { compileRowMapper, type RowMapper } from "./compile-row-mapper";
import { planColumns, ResultShapeError, rowFromCall, type ColumnPlan } from "./plan-columns";
import type { RowError, RunStore } from "./run-store";
import { substituteLastSyncTime } from "./substitute-last-sync-time";

export type RunInput = {
  syncId: string;
  type: TCallType;
  query: string;
  lastSyncTime: number;
  connector: Connector<Record<string, unknown>>;
  sourceConfig: Record<string, unknown>;
  targets: Target[];
  delivery: Omit<DeliveryContext, "destinationId" | "controls">;
  /** Batches in flight at once, across destinations. */
  concurrency?: number;
  /** Aborted at shutdown: stop reading, deliver what was read, end as interrupted. */
  drain?: AbortSignal;
  /** Send only rows new or changed since the last run, by these identifier columns. */
  changeTracking?: ChangeTrackingInput;
};

const RELEASED: unknown[] = [];

/** Deleted identifiers forgotten per snapshot commit when they need no call. */
const FORGET_EVERY = 5_000;

export class RunLimitError extends Error {}

/** The run stopped early on purpose (shutdown); what it did not confirm is sent again next run. */
export class RunInterruptedError extends Error {}

/**
 * The engine: read pages → map each row to a call → batch → deliver, recording error rows and
 * counters as it goes. Memory stays bounded: one page, the open batch and the batches in flight.
 */
export async function executeRun(input: RunInput, store: RunStore): Promise<void> {
  const snapshot = input.changeTracking ? ChangeSnapshot.open(input.changeTracking.snapshotFile) : undefined;
  try {
    await readMapDeliver(input, store, snapshot);
  } finally {
    // Only delivered rows were confirmed, so a failed run leaves nothing to undo.
    snapshot?.endRun();
    snapshot?.close();
  }
}

async function readMapDeliver(input: RunInput, store: RunStore, snapshot: ChangeSnapshot | undefined): Promise<void> {
  const sql = substituteLastSyncTime(input.query, input.lastSyncTime);
  const batcher = new Batcher();
  const inFlight = new InFlight(input.concurrency ?? 4);
  const deliver = (batch: Batch) =>
    inFlight.add(async () => {
      const outcome = await deliverBatch(batch, input.targets, input.delivery);
      // Never the failed ones: they stay out of the snapshot and are sent again next run.
      if (snapshot) confirmDelivered(snapshot, outcome.delivered);
      await store.recordDelivered(outcome.delivered, input.type);
      await store.recordErrors(
        outcome.failed.map(({ envelope, reason }) => ({
          rowNumber: envelope.rowNumber,
          row: envelope.values ? rowObject(tracker!.idNames, envelope.values) : rowFromCall(plan!, envelope.json),
          reason: envelope.tracked?.deleted ? `The call for this deleted row failed: ${reason}` : reason,
        })),
      );
      batcher.release(batch);
    });

  let plan: ColumnPlan[] | undefined;
  let mapper: RowMapper | undefined;
  let tracker: RowTracker | undefined;
  let columns: string[] = [];
  for await (const page of input.connector.read(input.sourceConfig, sql, { signal: input.delivery.signal })) {
    if (input.drain?.aborted) break;
    if (!mapper) {
      columns = page.columns;
      plan = planColumns(input.type, columns);
      mapper = compileRowMapper(input.type, plan, input.syncId);
      if (snapshot) tracker = new RowTracker(snapshot, input.changeTracking!.idColumns, input.type, columns);
    }
    const errors: RowError[] = [];
    const rows = page.rows;
    for (let i = 0; i < rows.length; i++) {
      const values = rows[i];
      // Let each row go as soon as it is mapped: rows still referenced when the young generation is
      // collected get copied, and the page would keep every row of it alive to its end.
      rows[i] = RELEASED;
      const rowNumber = ++store.rowsRead;
      if (rowNumber > LIMITS.recordsPerSync) {
        throw new RunLimitError(`The query returned more than ${LIMITS.recordsPerSync.toLocaleString("en-US")} records, the most one sync processes. Narrow it with {{last_sync_time}} or a WHERE clause.`);
      }
      const verdict = tracker?.check(values);
      if (verdict && !verdict.send) {
        if (verdict.reason) errors.push({ rowNumber, row: rowObject(columns, values), reason: verdict.reason });
        else store.rowsUnchanged++;
        continue;
      }
      const reason = mapper.write(values, batcher.open());
      if (reason !== undefined) {
        batcher.discard();
        errors.push({ rowNumber, row: rowObject(columns, values), reason });
        continue;
      }
      for (const batch of batcher.commit(rowNumber, verdict?.tracked)) await deliver(batch);
    }
    await store.recordErrors(errors);
    await store.saveProgress();
  }
  const rest = batcher.flush();
  if (rest) await deliver(rest);
  await inFlight.drain();
  // Deletions need the whole result: not after a drain or cancel, which stopped reading early.
  if (snapshot && tracker && !input.drain?.aborted && !input.delivery.signal?.aborted) {
    await deliverDeletions(input, snapshot, tracker, batcher, deliver);
    await inFlight.drain();
  }
  await store.saveProgress(true);
  if (input.drain?.aborted) {
    throw new RunInterruptedError("Interrupted: Tidewater shut down during this run. Rows it had not delivered are sent again next run.");
  }
}

/**
 * Identifiers in the snapshot that this result no longer has: forgotten at once when the sync sends
 * nothing for them, else each gets a call and is forgotten once that call is delivered.
 */
async function deliverDeletions(
  input: RunInput,
  snapshot: ChangeSnapshot,
  tracker: RowTracker,
  batcher: Batcher,
  deliver: (batch: Batch) => Promise<void>,
) {
  const { onDeleted, deletedEvent } = input.changeTracking!;
  if (onDeleted === "nothing") {
    let chunk: string[] = [];
    for (const id of snapshot.deletedIds()) {
      chunk.push(id);
      if (chunk.length >= FORGET_EVERY) {
        snapshot.confirmDeleted(chunk);
        chunk = [];
      }
    }
    snapshot.confirmDeleted(chunk);
    return;
  }
  for (const id of snapshot.deletedIds()) {
    const envelope = deletionEnvelope(onDeleted, id, tracker.idIndexes.length, deletedEvent, input.syncId);
    for (const batch of batcher.add(envelope)) await deliver(batch);
  }
  const rest = batcher.flush();
  if (rest) await deliver(rest);
}

function rowObject(columns: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  columns.forEach((column, index) => (row[column] = values[index]));
  return row;
}

export { ResultShapeError };
