import type { Db } from "../../db";
import type { Envelope } from "../../calls/envelope";

/** What the built-in inbox receives goes into the app database (InboxMessage). */
export async function storeInbox(database: Db, destinationId: string, type: string, batch: Pick<Envelope, "messageId" | "json">[]) {
  await database.inboxMessage.createMany({
    data: batch.map((envelope) => ({ destinationId, type, messageId: envelope.messageId, payload: envelope.json })),
  });
}
