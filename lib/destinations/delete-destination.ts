import { db } from "../db";
import { notFound } from "../errors";

/** Deletes a destination; syncs that used it stop sending there (their other destinations stay). */
export async function deleteDestination(id: string) {
  if (!(await db().destination.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Destination");
  await db().destination.delete({ where: { id } });
}
