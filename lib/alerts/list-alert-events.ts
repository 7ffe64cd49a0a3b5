import { db, type Db } from "../db";
import { parseInput } from "../errors";
import { ZListAlertEventsQuerySchema } from "./schemas";

/** Alert history, newest first: each message per channel, sent or failed, with its run. */
export async function listAlertEvents(query: unknown, database: Db = db()) {
  const { runId, syncId, limit } = parseInput(ZListAlertEventsQuerySchema, query ?? {});
  const events = await database.alertEvent.findMany({
    where: { ...(runId ? { runId } : {}), ...(syncId ? { syncId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { channel: { select: { name: true, kind: true } } },
  });
  return events.map(({ channel, reasons, ...event }) => ({
    ...event,
    channelName: channel?.name ?? null,
    channelKind: channel?.kind ?? null,
    reasons: JSON.parse(reasons) as { rule: string; text: string }[],
  }));
}
