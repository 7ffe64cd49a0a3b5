import type { Db } from "../db";

/** Deletes runs that started more than `days` ago; their errors and calls go with them (cascade). */
export async function pruneOldRuns(database: Db, days: number, now = new Date()): Promise<number> {
  const { count } = await database.syncRun.deleteMany({
    where: { startedAt: { lt: new Date(now.getTime() - days * 86_400_000) }, status: { not: "running" } },
  });
  return count;
}
