import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError, notFound } from "../errors";

/** Deletes a database of a source; one that syncs still read from is refused, naming them. */
export async function deleteDatabase(sourceId: string, databaseId: string) {
  const database = await db().database.findFirst({ where: { id: databaseId, sourceId }, select: { name: true, syncs: { select: { name: true } } } });
  if (!database) throw notFound("Database");
  if (database.syncs.length > 0) {
    const names = database.syncs.map((sync) => `"${sync.name}"`).join(", ");
    throw new AppError("conflict", `The database "${database.name}" is used by ${database.syncs.length === 1 ? "the sync" : "the syncs"} ${names}. Delete them or move them to another database first.`);
  }
  await db().database.delete({ where: { id: databaseId } });
  await recordAudit({ action: "database.delete", resource: { type: "database", id: databaseId, name: database.name }, before: { name: database.name } });
}
