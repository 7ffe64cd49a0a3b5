import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { notFound } from "../errors";
import { deleteSync } from "../syncs/delete-sync";

/** Deletes a source with its databases and syncs: runs that are going are cancelled, snapshots removed. */
export async function deleteSource(id: string) {
  const source = await db().source.findUnique({ where: { id }, select: { name: true, kind: true, syncs: { select: { id: true } } } });
  if (!source) throw notFound("Source");
  for (const sync of source.syncs) await deleteSync(sync.id);
  await db().source.delete({ where: { id } });
  await recordAudit({ action: "source.delete", resource: { type: "source", id, name: source.name }, before: { name: source.name, kind: source.kind } });
}
