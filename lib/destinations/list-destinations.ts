import { pageArgsIf } from "../api/page";
import { db } from "../db";
import { publicConfig } from "../secret-config";
import type { TListDestinationsQuery } from "./schemas";
import { destinationFor, type TDestinationKind } from "./registry";

export async function listDestinations(page?: TListDestinationsQuery) {
  const rows = await db().destination.findMany({ where: page?.key ? { key: page.key } : {}, orderBy: [{ createdAt: "asc" }, { id: "asc" }], ...pageArgsIf(page) });
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind,
    createdAt: row.createdAt,
    ...publicConfig(row, destinationFor(row.kind as TDestinationKind).spec.secretKeys),
  }));
}
