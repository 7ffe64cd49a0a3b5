import { pageArgsIf, type TPageQuery } from "../api/page";
import { db } from "../db";
import { publicConfig } from "../secret-config";
import { destinationFor, type TDestinationKind } from "./registry";

export async function listDestinations(page?: TPageQuery) {
  const rows = await db().destination.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], ...pageArgsIf(page) });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    createdAt: row.createdAt,
    ...publicConfig(row, destinationFor(row.kind as TDestinationKind).spec.secretKeys),
  }));
}
