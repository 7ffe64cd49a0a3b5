import { db } from "../db";
import { notFound } from "../errors";

export async function listRuns(syncId: string, take = 50) {
  return db().syncRun.findMany({ where: { syncId }, orderBy: { startedAt: "desc" }, take });
}

export async function getRun(id: string) {
  const run = await db().syncRun.findUnique({ where: { id } });
  if (!run) throw notFound("Run");
  return run;
}

/** The last runs across all syncs, for the home page. */
export async function listRecentRuns(take = 10) {
  return db().syncRun.findMany({ orderBy: { startedAt: "desc" }, take, include: { sync: { select: { name: true, type: true } } } });
}
