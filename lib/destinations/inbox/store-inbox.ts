import type { Db } from "../../db";
import type { Envelope } from "../../calls/envelope";
import { callTypeOfJson } from "../../engine/sync-types";

/** What the built-in inbox receives goes into the app database (InboxMessage), each call with its own type. */
export async function storeInbox(database: Db, destinationId: string, batch: Pick<Envelope, "messageId" | "json">[]) {
  await database.inboxMessage.createMany({
    data: batch.map((envelope) => ({ destinationId, type: callTypeOfJson(envelope.json), messageId: envelope.messageId, payload: envelope.json })),
  });
}
