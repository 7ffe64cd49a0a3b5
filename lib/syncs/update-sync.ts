import { db } from "../db";
import { notFound, parseInput } from "../errors";
import { cancelSyncRun } from "../sync/active-runs";
import { nextRunAfter } from "../sync/schedule";
import { checkSyncLinks } from "./check-sync-links";
import { ZUpdateSyncSchema } from "./schemas";

export async function updateSync(id: string, input: unknown) {
  const { destinationIds, ...changes } = parseInput(ZUpdateSyncSchema, input);
  const database = db();
  const sync = await database.sync.findUnique({ where: { id } });
  if (!sync) throw notFound("Sync");
  await checkSyncLinks(database, sync.sourceId, changes.databaseId, destinationIds);
  const startAt = changes.startAt ?? sync.startAt;
  const frequencyMinutes = changes.frequencyMinutes ?? sync.frequencyMinutes;
  const rescheduled = changes.startAt !== undefined || changes.frequencyMinutes !== undefined || (changes.enabled && !sync.enabled);
  if (changes.enabled === false) cancelSyncRun(id, "the sync was disabled");
  return database.sync.update({
    where: { id },
    data: {
      ...changes,
      ...(rescheduled ? { nextRunAt: startAt > new Date() ? startAt : nextRunAfter(startAt, frequencyMinutes, new Date()) } : {}),
      ...(destinationIds
        ? { destinations: { deleteMany: {}, create: [...new Set(destinationIds)].map((destinationId) => ({ destinationId })) } }
        : {}),
    },
  });
}
