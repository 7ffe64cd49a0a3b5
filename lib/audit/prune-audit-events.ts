import type { Db } from "../db";

/** Deletes audit entries older than `days` (Settings → Audit log retention). */
export async function pruneAuditEvents(database: Db, days: number, now = new Date()): Promise<number> {
  const { count } = await database.auditEvent.deleteMany({ where: { at: { lt: new Date(now.getTime() - days * 86_400_000) } } });
  return count;
}
