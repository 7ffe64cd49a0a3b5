import { recordAudit } from "../audit/record-audit";
import { assertKeyFree } from "../config/key-conflict";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import { changeTrackingColumns } from "./change-tracking-setting";
import { checkSyncLinks } from "./check-sync-links";
import { ZCreateSyncSchema } from "./schemas";
import { syncAuditFields } from "./sync-audit-fields";

export async function createSync(input: unknown) {
  const { destinationIds, startAt, changeTracking, ...data } = parseInput(ZCreateSyncSchema, input);
  const database = db();
  if (!(await database.source.findUnique({ where: { id: data.sourceId } }))) throw notFound("Source");
  await checkSyncLinks(database, data.sourceId, data.databaseId, destinationIds);
  await assertKeyFree("sync", data.key);
  const start = startAt ?? new Date();
  return database.$transaction(async (tx) => {
    const sync = await tx.sync.create({
      data: {
        ...data,
        ...changeTrackingColumns(changeTracking ?? null),
        startAt: start,
        nextRunAt: start,
        destinations: { create: [...new Set(destinationIds)].map((destinationId) => ({ destinationId })) },
      },
      include: { destinations: { select: { destinationId: true } } },
    });
    await recordAudit({ action: "sync.create", resource: { type: "sync", id: sync.id, name: sync.name }, after: syncAuditFields(sync) }, tx);
    return sync;
  });
}
