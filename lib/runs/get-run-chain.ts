import { db } from "../db";

/**
 * A run's place in a chain: the run whose success started it (null once pruned, or when nothing
 * did), and how many syncs run after its sync (whom a failed or skipped run stops).
 */
export async function getRunChain(run: { syncId: string; triggeredByRunId: string | null }) {
  const [startedBy, followers] = await Promise.all([
    run.triggeredByRunId
      ? db().syncRun.findUnique({ where: { id: run.triggeredByRunId }, select: { id: true, sync: { select: { id: true, name: true } } } })
      : null,
    db().sync.findMany({ where: { afterSyncId: run.syncId, scheduleKind: "after" }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { startedBy, followers };
}
