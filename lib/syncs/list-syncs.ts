import { pageArgs, pageOf } from "../api/page";
import { db } from "../db";
import { SYNC_INCLUDE, syncResponse } from "./get-sync";
import type { TListSyncsQuery } from "./schemas";

/** Every sync, oldest first, a page at a time. */
export async function listSyncs(query: TListSyncsQuery) {
  const rows = await db().sync.findMany({
    where: { ...(query.sourceId ? { sourceId: query.sourceId } : {}), ...(query.key ? { key: query.key } : {}) },
    include: SYNC_INCLUDE,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...pageArgs(query),
  });
  const { items, nextCursor } = pageOf(rows, query);
  return { syncs: items.map(syncResponse), nextCursor };
}
