import { db } from "../db";
import { notFound } from "../errors";
import { cancelSyncRun } from "../engine/active-runs";
import { removeSnapshot } from "../engine/change-tracking/snapshot-file";

export async function deleteSync(id: string) {
  const found = await db().sync.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw notFound("Sync");
  cancelSyncRun(id, "the sync was deleted");
  await db().sync.delete({ where: { id } });
  removeSnapshot(id);
}
