import PgBoss from "pg-boss";

/** pg-boss keeps its tables in this schema of the app database. */
export const JOBS_SCHEMA = "tidewater_jobs";
export const RUN_QUEUE = "tidewater-run";

export type RunJob = { runId: string; syncId: string };

/**
 * Starts pg-boss on the app database. The run queue's "short" policy keeps at most one queued job
 * per sync (singletonKey = sync id); the advisory lock in sync-locks.ts is what keeps two runs of a
 * sync from going at once. A run is never retried by pg-boss: the next run resends what was not
 * confirmed, with the same messageIds.
 */
export async function startBoss(connectionString: string, { supervise }: { supervise: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: JOBS_SCHEMA, supervise, schedule: false, max: 4, application_name: "tidewater-jobs" });
  boss.on("error", (error) => console.error("[tidewater] job engine:", error.message));
  await boss.start();
  // Runs may be long; a job older than this is failed by pg-boss, the run itself goes on.
  await boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: "short", retryLimit: 0, expireInHours: 23, retentionDays: 1 });
  return boss;
}
