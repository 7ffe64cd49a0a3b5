import PgBoss from "pg-boss";
import { log } from "../../observability/log";

/** pg-boss keeps its tables in this schema of the app database. */
export const JOBS_SCHEMA = "tidewater_jobs";
export const RUN_QUEUE = "tidewater-run";

/** `queuedAt` (ms): when a tick queued a scheduled run, within a second of its due time. */
export type RunJob = { runId: string; syncId: string; queuedAt?: number };

/**
 * Starts pg-boss on the app database. The run queue's "short" policy keeps at most one queued job
 * per sync (singletonKey = sync id); the advisory lock in sync-locks.ts is what keeps two runs of a
 * sync from going at once. A run is never retried by pg-boss: the next run resends what was not
 * confirmed, with the same messageIds.
 */
export async function startBoss(connectionString: string, { supervise }: { supervise: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: JOBS_SCHEMA, supervise, schedule: false, max: 4, application_name: "tidewater-jobs" });
  boss.on("error", (error) => log().error(`[tidewater] job engine: ${error.message}`));
  await boss.start();
  // Runs may be long; a job older than this is failed by pg-boss, the run itself goes on.
  await createRunQueue(boss);
  return boss;
}

// Processes starting together on a fresh database can deadlock in create_queue (40P01); PostgreSQL
// aborts one of them, and that one finds the queue made when it tries again.
async function createRunQueue(boss: PgBoss, attempt = 1): Promise<void> {
  try {
    await boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: "short", retryLimit: 0, expireInHours: 23, retentionDays: 1 });
  } catch (error) {
    if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    await createRunQueue(boss, attempt + 1);
  }
}
