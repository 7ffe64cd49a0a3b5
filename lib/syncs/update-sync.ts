import { recordAudit } from "../audit/record-audit";
import { assertKeyFree } from "../config/key-conflict";
import { db } from "../db";
import { AppError, notFound, parseInput } from "../errors";
import { forgetSnapshot } from "../engine/change-tracking/open-snapshot";
import { nextRunFor } from "../engine/schedule";
import { jobRunner } from "../jobs/job-runner";
import { changeTrackingColumns, changeTrackingOf } from "./change-tracking-setting";
import { checkSyncChain } from "./check-sync-chain";
import { checkSyncLinks } from "./check-sync-links";
import { scheduleColumns } from "./schedule-setting";
import { deletedRowsConflict, ZUpdateSyncSchema } from "./schemas";
import { syncAuditFields } from "./sync-audit-fields";

export async function updateSync(id: string, input: unknown) {
  const { destinationIds, changeTracking, schedule, frequencyMinutes, ...changes } = parseInput(ZUpdateSyncSchema, input);
  const database = db();
  const sync = await database.sync.findUnique({ where: { id }, include: { destinations: { select: { destinationId: true } } } });
  if (!sync) throw notFound("Sync");
  // The query and the setting may come in separate updates: check them as they will be together.
  const conflict = deletedRowsConflict(changes.query ?? sync.query, changeTracking === undefined ? changeTrackingOf(sync) : changeTracking);
  if (conflict) throw new AppError("invalid_input", "Some fields need attention.", { [changeTracking === undefined ? "query" : "changeTracking.onDeleted"]: [conflict] });
  await checkSyncLinks(database, sync.sourceId, changes.databaseId, destinationIds);
  await assertKeyFree("sync", changes.key, id);
  const timing = scheduleColumns(schedule, frequencyMinutes, sync);
  if (timing?.afterSyncId) await checkSyncChain(database, id, timing.afterSyncId);
  const startAt = changes.startAt ?? sync.startAt;
  const rescheduled = changes.startAt !== undefined || timing !== undefined || (changes.enabled && !sync.enabled);
  if (changes.enabled === false) await (await jobRunner()).stopRuns(id, "the sync was disabled");
  const updated = await database.$transaction(async (tx) => {
    const saved = await tx.sync.update({
      where: { id },
      data: {
        ...changes,
        ...timing,
        ...(changeTracking !== undefined ? changeTrackingColumns(changeTracking) : {}),
        ...(rescheduled ? { nextRunAt: nextRunFor({ ...sync, ...timing, startAt }, new Date()) } : {}),
        ...(destinationIds
          ? { destinations: { deleteMany: {}, create: [...new Set(destinationIds)].map((destinationId) => ({ destinationId })) } }
          : {}),
      },
      include: { destinations: { select: { destinationId: true } } },
    });
    await recordAudit({ action: "sync.update", resource: { type: "sync", id, name: saved.name }, before: syncAuditFields(sync), after: syncAuditFields(saved) }, tx);
    return saved;
  });
  // A snapshot keyed by other identifiers would make every row look new and every old id deleted.
  if (changeTracking !== undefined && updated.changeTrackingColumns !== sync.changeTrackingColumns) await forgetSnapshot(id);
  return updated;
}
