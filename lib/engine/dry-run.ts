// A dry run: the run's own read, diff and map stages over the sync's query, with nothing delivered
// and nothing recorded. It counts what a run would do and hands out, as it goes, the first calls (as
// the exact bytes a destination would receive) and the first invalid rows with their reasons.
import { JsonWriter } from "../calls/json-writer";
import type { SnapshotStore } from "./change-tracking/snapshot-store";
import { WireRows } from "./change-tracking/wire-rows";
import type { TDryRunCounts, TDryRunEvent } from "./dry-run-events";
import { normalizeValue } from "./normalize-value";
import { deletionEnvelope, RowTracker, type ChangeTrackingInput } from "./stages/diff";
import type { ResultMapping } from "./stages/map";
import { resultMapping } from "./stages/map-mixed";
import { readPages, type ReadInput } from "./stages/read";
import type { TSyncType } from "./sync-types";

/** Calls handed out as samples, and invalid rows handed out with their reasons, per dry run. */
export const DRY_RUN_SAMPLE_CALLS = 20;
export const DRY_RUN_SAMPLE_INVALID = 100;

/** A destination as the dry run needs it: the per-call size limit a real run checks before sending. */
export type DryRunTarget = { name: string; displayName: string; maxCallBytes?: number };

export type DryRunInput = Pick<ReadInput, "connector" | "sourceConfig" | "query" | "lastSyncTime" | "signal"> & {
  /** The sync's id: its calls' messageIds derive from it, as a run's do. */
  syncId: string;
  type: TSyncType;
  targets: readonly DryRunTarget[];
  /** Change tracking, with the sync's snapshot opened read-only (openReadOnlySnapshot). */
  changeTracking?: ChangeTrackingInput & { snapshot: SnapshotStore };
};

export type DryRunEmit = (event: TDryRunEvent) => void | Promise<void>;

/**
 * Runs the query through the run's stages and emits progress once per page, the first
 * DRY_RUN_SAMPLE_CALLS calls, the first DRY_RUN_SAMPLE_INVALID invalid rows and one summary at the
 * end. Throws what a run would fail with (a query error, a result without an identifier column).
 */
export async function executeDryRun(input: DryRunInput, emit: DryRunEmit): Promise<TDryRunCounts> {
  const counts: TDryRunCounts = { rowsRead: 0, calls: 0, new: 0, changed: 0, unchanged: 0, deleted: 0, invalid: 0 };
  const tracking = input.changeTracking;
  const out = new JsonWriter(Buffer.allocUnsafe(64 * 1024));
  let mapping: ResultMapping | undefined;
  let tracker: RowTracker | undefined;

  const invalid = async (rowNumber: number, reason: string, row: Record<string, unknown>) => {
    if (counts.invalid++ < DRY_RUN_SAMPLE_INVALID) await emit({ type: "invalid", rowNumber, reason, row: normalizeValue(row) as Record<string, unknown> });
  };
  const call = async (rowNumber: number, json: string, bytes: number, row: () => Record<string, unknown>, deleted?: true) => {
    // A destination refuses a call over its size limit before sending: the run records an error row.
    const refusals = input.targets
      .filter((target) => target.maxCallBytes !== undefined && bytes > target.maxCallBytes)
      .map((target) => `${target.name}: the call is ${bytes} bytes; ${target.displayName} accepts at most ${target.maxCallBytes} bytes per call.`);
    if (refusals.length > 0) return invalid(rowNumber, refusals.join("; "), row());
    if (counts.calls++ < DRY_RUN_SAMPLE_CALLS) await emit({ type: "call", rowNumber, ...(deleted ? { deleted } : {}), json });
  };

  const knownRows = tracking && new WireRows(tracking.snapshot, tracking.idColumns, input.type);
  for await (const page of readPages({ ...input, knownRows })) {
    if (!mapping) {
      mapping = resultMapping(input.type, page.columns, input.syncId);
      if (tracking) tracker = new RowTracker(tracking.snapshot, tracking.idColumns, input.type, page.columns);
    }
    const verdicts = tracker ? await tracker.checkPage(page.rows) : undefined;
    for (let i = 0; i < page.rows.length; i++) {
      const values = page.rows[i];
      const rowNumber = ++counts.rowsRead;
      const verdict = verdicts?.[i];
      if (verdict && !verdict.send) {
        if (verdict.reason) await invalid(rowNumber, verdict.reason, mapping.rowOf(values));
        else counts.unchanged++;
        continue;
      }
      out.length = 0;
      const reason = mapping.write(values, out);
      if (reason !== undefined) {
        await invalid(rowNumber, reason, mapping.rowOf(values));
        continue;
      }
      if (verdict) counts[verdict.change]++;
      const json = out.buffer.toString("utf8", 0, out.length);
      await call(rowNumber, json, out.length, () => mapping!.rowOf(values));
    }
    await emit({ type: "progress", ...counts });
  }

  // As a run: deletions only once the whole result was read.
  if (tracking && tracker && !input.signal?.aborted) {
    const idCount = tracker.idIndexes.length;
    for await (const ids of tracking.snapshot.deletedIds()) {
      counts.deleted += ids.length;
      if (tracking.onDeleted === "nothing") continue;
      for (const id of ids) {
        const envelope = deletionEnvelope(tracking.onDeleted, id, idCount, tracking.deletedEvent, input.syncId);
        await call(0, envelope.json, envelope.bytes, () => Object.fromEntries(tracker!.idNames.map((name, k) => [name, envelope.values![k]])), true);
      }
    }
  }
  await emit({ type: "summary", changeTracking: tracking !== undefined, ...counts });
  return counts;
}
