import { db } from "../db";

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
    },
  });
  return syncs.map(({ runs, destinations, ...sync }) => ({ ...sync, lastRun: runs[0] ?? null, destinations: destinations.map((d) => d.destination) }));
}
