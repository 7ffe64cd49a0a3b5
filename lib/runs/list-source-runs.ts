import { db } from "../db";

/** The Imports tab: a source's runs across its syncs, newest first. */
export async function listSourceRuns(sourceId: string, take = 50) {
  return db().syncRun.findMany({
    where: { sync: { sourceId } },
    orderBy: { startedAt: "desc" },
    take,
    include: { sync: { select: { id: true, name: true, type: true } } },
  });
}
