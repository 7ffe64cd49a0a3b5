import { recordAudit } from "../audit/record-audit";
import { assertKeyFree } from "../config/key-conflict";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import { changeTrackingColumns } from "./change-tracking-setting";
import { checkSyncChain } from "./check-sync-chain";
import { checkSyncLinks } from "./check-sync-links";
import { nextRunFor } from "../engine/schedule";
import { scheduleColumns } from "./schedule-setting";
import { ZCreateSyncSchema } from "./schemas";
import { syncAuditFields } from "./sync-audit-fields";

export async function createSync(input: unknown) {
  const { destinationIds, startAt, changeTracking, schedule, frequencyMinutes, ...data } = parseInput(ZCreateSyncSchema, input);
  const database = db();
  if (!(await database.source.findUnique({ where: { id: data.sourceId } }))) throw notFound("Source");
  await checkSyncLinks(database, data.sourceId, data.databaseId, destinationIds);
  await assertKeyFree("sync", data.key);
  // The schema asks for one of the two.
  const timing = scheduleColumns(schedule, frequencyMinutes)!;
  if (timing.afterSyncId) await checkSyncChain(database, undefined, timing.afterSyncId);
  const start = startAt ?? new Date();
  // An interval sync whose start has come runs at once; a cron one waits for its first time.
  const nextRunAt = timing.scheduleKind === "interval" ? start : nextRunFor({ ...timing, startAt: start }, new Date());
  return database.$transaction(async (tx) => {
    const sync = await tx.sync.create({
      data: {
        ...data,
        ...changeTrackingColumns(changeTracking ?? null),
        ...timing,
        startAt: start,
        nextRunAt,
        destinations: { create: [...new Set(destinationIds)].map((destinationId) => ({ destinationId })) },
      },
      include: { destinations: { select: { destinationId: true } } },
    });
    await recordAudit({ action: "sync.create", resource: { type: "sync", id: sync.id, name: sync.name }, after: syncAuditFields(sync) }, tx);
    return sync;
  });
}
