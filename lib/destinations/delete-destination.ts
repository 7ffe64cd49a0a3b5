import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { notFound } from "../errors";

/** Deletes a destination; syncs that used it stop sending there (their other destinations stay). */
export async function deleteDestination(id: string) {
  const found = await db().destination.findUnique({ where: { id }, select: { name: true, kind: true } });
  if (!found) throw notFound("Destination");
  await db().$transaction(async (tx) => {
    await tx.destination.delete({ where: { id } });
    await recordAudit({ action: "destination.delete", resource: { type: "destination", id, name: found.name }, before: found }, tx);
  });
}
