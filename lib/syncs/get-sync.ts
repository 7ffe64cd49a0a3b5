import { db } from "../db";
import { notFound } from "../errors";

export async function getSync(id: string) {
  const sync = await db().sync.findUnique({ where: { id }, include: { destinations: { select: { destinationId: true } } } });
  if (!sync) throw notFound("Sync");
  const { destinations, ...rest } = sync;
  return { ...rest, destinationIds: destinations.map((link) => link.destinationId) };
}
