import { db } from "../db";
import { describeSchedule } from "./describe-schedule";
import { scheduleOf } from "./schedule-setting";

/** The Syncs tab: each sync of a source with its latest run. */
export async function listSourceSyncs(sourceId: string) {
  const syncs = await db().sync.findMany({
    where: { sourceId },
    orderBy: { createdAt: "asc" },
    // This list goes to the browser: never the trigger secret's hash or the dbt Cloud secret.
    omit: { triggerTokenHash: true, triggerCreatedAt: true, dbtSecretEncrypted: true },
    include: {
      runs: { orderBy: { startedAt: "desc" }, take: 1, select: { id: true, status: true, startedAt: true, finishedAt: true, error: true, cancelRequestedAt: true } },
      destinations: { select: { destination: { select: { id: true, name: true } } } },
      afterSync: { select: { name: true } },
    },
  });
  return syncs.map(({ runs, destinations, afterSync, ...sync }) => ({
    ...sync,
    scheduleLabel: describeSchedule(scheduleOf(sync), afterSync?.name),
    lastRun: runs[0] ?? null,
    destinations: destinations.map((d) => d.destination),
  }));
}
