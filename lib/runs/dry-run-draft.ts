import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { loadConnector, type TSourceKind } from "../connectors/registry";
import { db } from "../db";
import { ZDestinationKindSchema } from "../destinations/registry";
import { openReadOnlySnapshot } from "../engine/change-tracking/open-snapshot";
import { emptySnapshotReader, ReadOnlySnapshot } from "../engine/change-tracking/read-only-snapshot";
import { LIMITS } from "../engine/limits";
import { ZSyncTypeSchema } from "../engine/sync-types";
import { AppError, notFound, parseInput } from "../errors";
import { jobRunner } from "../jobs/job-runner";
import { openConfig } from "../secret-config";
import { ZChangeTrackingSchema } from "../syncs/schemas";
import { DRY_RUN_WHILE_RUNNING, dryRunResponse, dryRunTarget, prepareDryRun, takeDryRunSlot } from "./dry-run-stream";

/** A sync as the wizard has it before it is saved: what a dry run needs of it. */
export const ZDryRunDraftSchema = z.object({
  sourceId: z.string().min(1).optional(),
  databaseId: z.string().min(1, "Pick a database"),
  type: ZSyncTypeSchema,
  query: z.string().trim().min(1, "Enter a query").max(LIMITS.queryChars, `The query may be at most ${LIMITS.queryChars.toLocaleString("en-US")} characters`),
  destinationIds: z.array(z.string().min(1)).default([]).describe("The destinations picked so far: their per-call size limits apply"),
  changeTracking: ZChangeTrackingSchema.nullable().optional().describe("With no snapshot yet, every row is new"),
  syncId: z.string().min(1).optional().describe("Editing a saved sync: its last_sync_time, messageIds and (with the same identifier columns) snapshot apply"),
});

/** Calls of an unsaved sync get their messageIds from this in place of the sync's id. */
export const DRAFT_SYNC_ID = "dry-run";

/**
 * Dry run of a sync not saved yet (the wizard's step): as its first run would go, with
 * `{{last_sync_time}}` 0 and, with change tracking, every row new. Its messageIds differ from the
 * saved sync's (they derive from the sync's id). With `syncId`, the edits of a saved sync before they
 * are saved: as its next run would go once they were, so with its `last_sync_time` and messageIds,
 * and its snapshot unless the identifier columns change (saving them starts a new one).
 */
export async function dryRunDraft(body: unknown, callerGone?: AbortSignal): Promise<Response> {
  const draft = parseInput(ZDryRunDraftSchema, body);
  const database = await db().database.findUnique({ where: { id: draft.databaseId }, include: { source: true } });
  if (!database) throw notFound("Database");
  if (draft.sourceId && draft.sourceId !== database.sourceId) {
    throw new AppError("invalid_input", "Pick a database of this source.", { databaseId: ["Not a database of this source"] });
  }
  const destinations = await db().destination.findMany({ where: { id: { in: draft.destinationIds } }, select: { id: true, name: true, kind: true } });
  if (destinations.length !== new Set(draft.destinationIds).size) {
    throw new AppError("invalid_input", "A chosen destination does not exist.", { destinationIds: ["Unknown destination"] });
  }
  const saved = draft.syncId ? await savedSync(draft.syncId) : null;
  if (saved && saved.sourceId !== database.sourceId) {
    throw new AppError("invalid_input", "Pick a database of this sync's source.", { databaseId: ["Not a database of this sync's source"] });
  }
  const release = takeDryRunSlot();
  try {
    const connector = await loadConnector(database.source.kind as TSourceKind);
    const sourceConfig = openConfig(database);
    await recordAudit({
      action: "sync.dry_run",
      resource: saved ? { type: "sync", id: saved.id, name: saved.name } : { type: "database", id: database.id, name: database.name },
      after: { type: draft.type, query: draft.query, unsaved: true },
    });
    const tracking = draft.changeTracking;
    const sameSnapshot = saved && tracking && saved.changeTrackingColumns === JSON.stringify(tracking.idColumns);
    return dryRunResponse(
      async () =>
        prepareDryRun(
          {
            syncId: saved?.id ?? DRAFT_SYNC_ID,
            type: draft.type,
            query: draft.query,
            lastSyncTime: saved?.lastSyncTime ?? 0,
            connector,
            sourceConfig,
            targets: destinations.map((destination) => dryRunTarget({ name: destination.name, kind: ZDestinationKindSchema.parse(destination.kind) })),
          },
          tracking,
          () => (sameSnapshot ? openReadOnlySnapshot(saved.id) : new ReadOnlySnapshot(emptySnapshotReader())),
        ),
      release,
      callerGone,
    );
  } catch (error) {
    release();
    throw error;
  }
}

/** The saved sync being edited; refused while its run goes, as a dry run of the saved sync is. */
async function savedSync(syncId: string) {
  const sync = await db().sync.findUnique({ where: { id: syncId }, select: { id: true, name: true, sourceId: true, lastSyncTime: true, changeTrackingColumns: true } });
  if (!sync) throw notFound("Sync");
  if (await (await jobRunner()).isRunning(syncId)) throw new AppError("conflict", DRY_RUN_WHILE_RUNNING);
  return sync;
}
