import { db } from "../db";

/** What the built-in inbox destination received, newest first. */
export async function listInboxMessages(destinationId: string, take = 100) {
  const rows = await db().inboxMessage.findMany({ where: { destinationId }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], take });
  return rows.map((row) => ({ id: row.id, type: row.type, messageId: row.messageId, receivedAt: row.receivedAt, payload: JSON.parse(row.payload) as unknown }));
}
