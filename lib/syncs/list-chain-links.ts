import { db } from "../db";

/**
 * What a sync's page shows of its chain: the syncs it may run after (every other sync, by name), the
 * one it runs after, and those that run after it.
 */
export async function listChainLinks(syncId?: string) {
  const [syncs, self] = await Promise.all([
    db().sync.findMany({ where: syncId ? { id: { not: syncId } } : {}, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    syncId
      ? db().sync.findUnique({
          where: { id: syncId },
          select: { afterSync: { select: { id: true, name: true } }, followers: { where: { scheduleKind: "after" }, select: { id: true, name: true, enabled: true }, orderBy: { name: "asc" } } },
        })
      : null,
  ]);
  return { syncs, after: self?.afterSync ?? null, followers: self?.followers ?? [] };
}
