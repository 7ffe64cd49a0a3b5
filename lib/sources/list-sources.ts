import { connectorSpec, type TSourceKind } from "../connectors/registry";
import { pageArgsIf } from "../api/page";
import { db } from "../db";
import { notFound } from "../errors";
import { publicConfig } from "../secret-config";
import type { TListSourcesQuery } from "./schemas";

const syncSummary = {
  select: { id: true, key: true, name: true, type: true, enabled: true, frequencyMinutes: true, nextRunAt: true, lastSyncTime: true },
  orderBy: { createdAt: "asc" as const },
};

export async function listSources(page?: TListSourcesQuery) {
  return db().source.findMany({
    where: page?.key ? { key: page.key } : {},
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...pageArgsIf(page),
    select: { id: true, key: true, name: true, kind: true, createdAt: true, databases: { select: { id: true, key: true, name: true } }, syncs: syncSummary },
  });
}

/** One source with its databases (secrets only as "set") and syncs. */
export async function getSource(id: string) {
  const source = await db().source.findUnique({ where: { id }, include: { databases: true, syncs: syncSummary } });
  if (!source) throw notFound("Source");
  const secretKeys = connectorSpec(source.kind as TSourceKind).secretKeys;
  return {
    id: source.id,
    key: source.key,
    name: source.name,
    kind: source.kind,
    createdAt: source.createdAt,
    syncs: source.syncs,
    databases: source.databases.map((database) => ({
      id: database.id,
      key: database.key,
      name: database.name,
      createdAt: database.createdAt,
      ...publicConfig(database, secretKeys),
    })),
  };
}
