import { db } from "../db";
import { notFound } from "../errors";
import { publicConfig } from "../secret-config";
import { destinationFor, type TDestinationKind } from "./registry";

/** One destination as a form may show it: secrets only as "set". */
export async function getDestination(id: string) {
  const row = await db().destination.findUnique({ where: { id } });
  if (!row) throw notFound("Destination");
  return { id: row.id, key: row.key, name: row.name, kind: row.kind, createdAt: row.createdAt, ...publicConfig(row, destinationFor(row.kind as TDestinationKind).spec.secretKeys) };
}
