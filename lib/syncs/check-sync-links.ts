import type { Db } from "../db";
import { AppError } from "../errors";

/** The database must belong to the sync's source, and every destination must exist. */
export async function checkSyncLinks(database: Db, sourceId: string, databaseId?: string, destinationIds?: string[]) {
  if (databaseId) {
    const found = await database.database.findFirst({ where: { id: databaseId, sourceId } });
    if (!found) throw new AppError("invalid_input", "Pick a database of this source.", { databaseId: ["Not a database of this source"] });
  }
  if (destinationIds) {
    const found = await database.destination.count({ where: { id: { in: destinationIds } } });
    if (found !== new Set(destinationIds).size) {
      throw new AppError("invalid_input", "A chosen destination does not exist.", { destinationIds: ["Unknown destination"] });
    }
  }
}
