import { db } from "../db";

export type CallFilter = { syncId?: string; runId?: string; type?: string; cursor?: string; take?: number };

/** Data In: the calls syncs delivered, newest first, a page at a time (`nextCursor` for the next). */
export async function listRunCalls({ syncId, runId, type, cursor, take = 50 }: CallFilter) {
  const rows = await db().runCall.findMany({
    where: { ...(syncId ? { syncId } : {}), ...(runId ? { runId } : {}), ...(type ? { type } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 0 } : {}),
  });
  const page = rows.slice(0, take);
  return {
    calls: page.map((row) => ({ id: row.id, runId: row.runId, syncId: row.syncId, type: row.type, messageId: row.messageId, receivedAt: row.createdAt, payload: JSON.parse(row.payload) as unknown })),
    nextCursor: rows.length > take ? rows[take].id : null,
  };
}
