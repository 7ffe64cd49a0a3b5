import { db } from "../db";
import { publicConfig } from "../secret-config";
import { destinationFor, type TDestinationKind } from "./registry";

export async function listDestinations() {
  const rows = await db().destination.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    createdAt: row.createdAt,
    ...publicConfig(row, destinationFor(row.kind as TDestinationKind).spec.secretKeys),
  }));
}
