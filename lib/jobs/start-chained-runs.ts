// Sync chains: a sync set to run after another starts a run each time a run of that one succeeds.
import type { Db } from "../db";
import { log } from "../observability/log";
import { jobRunner } from "./job-runner";

type EndedRun = { id: string; syncId: string };

const FOLLOWS = { scheduleKind: "after", enabled: true } as const;

/**
 * Starts a run (trigger "chain") of each enabled sync that runs after the sync of `run`, which has
 * just succeeded. Only success calls this: a failed, cancelled, skipped or interrupted run starts
 * nothing, so a link that does not succeed stops the chain. A follower whose own run is still going
 * gets a skipped run that says so (and, not succeeding, stops the chain there too). Each follower
 * runs at most once per run it follows: SyncRun(syncId, triggeredByRunId) is unique, so a second
 * process starting the same link is refused by the database. Never throws.
 */
export async function startChainedRuns(database: Db, run: EndedRun): Promise<string[]> {
  const started: string[] = [];
  try {
    const followers = await database.sync.findMany({ where: { afterSyncId: run.syncId, ...FOLLOWS }, select: { id: true } });
    for (const follower of followers) {
      const id = await startLink(database, run, follower.id);
      if (id) started.push(id);
    }
  } catch (error) {
    log().error({ err: error, runId: run.id }, "[tidewater] could not start the syncs that run after this one");
  }
  return started;
}

async function startLink(database: Db, run: EndedRun, followerId: string): Promise<string | null> {
  try {
    const started = await (await jobRunner()).runNow(followerId, "chain", { triggeredByRunId: run.id });
    if ("busy" in started) {
      // Only a shutdown refuses a chained run; the sweep starts it once a process is back.
      log().warn({ runId: run.id, syncId: followerId }, `[tidewater] chained run not started: ${started.busy}`);
      return null;
    }
    return started.id;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null; // another process started this link
    log().error({ err: error, runId: run.id, syncId: followerId }, "[tidewater] could not start a chained run");
    return null;
  }
}

// Long enough for the run's own process to have started its links; short enough that a link
// missed by a process that stopped is started soon after it is back.
const CATCH_UP_AFTER_MS = 15_000;
const CATCH_UP_WITHIN_MS = 10 * 60_000;

/**
 * The links a process missed: it recorded a run's success, then stopped before starting the syncs
 * after it. Starts, for each run that succeeded in the last few minutes, each follower that has no
 * run from it yet and already followed when the run ended (a sync set to run after A later waits
 * for A's next success). Any number of processes may call this at once: the unique
 * (syncId, triggeredByRunId) lets one start each link.
 */
export async function startMissedChainedRuns(database: Db, now = new Date()): Promise<string[]> {
  const runs = await database.syncRun.findMany({
    where: {
      status: "succeeded",
      trigger: { not: "retry" },
      finishedAt: { gte: new Date(now.getTime() - CATCH_UP_WITHIN_MS), lte: new Date(now.getTime() - CATCH_UP_AFTER_MS) },
      sync: { followers: { some: FOLLOWS } },
    },
    select: { id: true, syncId: true, finishedAt: true, sync: { select: { followers: { where: FOLLOWS, select: { id: true, updatedAt: true } } } } },
  });
  const started: string[] = [];
  for (const run of runs) {
    for (const follower of run.sync.followers) {
      if (follower.updatedAt > run.finishedAt!) continue;
      if (await database.syncRun.findFirst({ where: { syncId: follower.id, triggeredByRunId: run.id }, select: { id: true } })) continue;
      const id = await startLink(database, run, follower.id);
      if (id) started.push(id);
    }
  }
  return started;
}
