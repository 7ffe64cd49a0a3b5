import { noteRunsEnded } from "../alerts/evaluate-alerts";
import { db, type Db } from "../db";
import { log } from "../observability/log";
import { recordSchedulerLag } from "../observability/metrics";
import { getSettings } from "../settings/settings";
import { drainRuns } from "./active-runs";
import { pruneOldRuns } from "./prune-runs";
import { pruneAuditEvents } from "../audit/prune-audit-events";
import { startMissedChainedRuns } from "../jobs/start-chained-runs";
import { startSyncRun } from "./run-sync";
import { nextRunFor, runsAtOnce, TIMED_KINDS } from "./schedule";

type SchedulerState = { timer?: NodeJS.Timeout; ticking: boolean; lastPrune: number; lastBeat: number; intervalMs: number };
const holder = globalThis as unknown as { tidewaterScheduler?: SchedulerState };

const PRUNE_EVERY_MS = 60 * 60 * 1000;
export const SHUTDOWN_DEADLINE_MS = 20_000;

/**
 * Runs each enabled sync every N minutes from its start time, in this process. A sync that comes due
 * while its last run is going gets a skipped run (startSyncRun decides). Runs left "running" by a
 * process that died are closed as interrupted at start; their last_sync_time never advanced.
 */
export async function startScheduler(options: { intervalMs?: number; database?: Db } = {}) {
  if (holder.tidewaterScheduler) return;
  const intervalMs = options.intervalMs ?? 5_000;
  const state: SchedulerState = { ticking: false, lastPrune: 0, lastBeat: Date.now(), intervalMs };
  holder.tidewaterScheduler = state;
  const database = options.database ?? db();
  await closeInterruptedRuns(database);
  const tick = async () => {
    if (state.ticking) return;
    state.ticking = true;
    try {
      await runDueSyncs(database, new Date());
      await startMissedChainedRuns(database);
      if (Date.now() - state.lastPrune > PRUNE_EVERY_MS) {
        state.lastPrune = Date.now();
        await pruneOldRuns(database, (await getSettings()).runRetentionDays);
        await pruneAuditEvents(database, (await getSettings()).auditRetentionDays);
      }
    } catch (error) {
      log().error({ err: error }, "[tidewater] scheduler tick failed");
    } finally {
      state.ticking = false;
      state.lastBeat = Date.now();
    }
  };
  state.timer = setInterval(tick, intervalMs);
  state.timer.unref();
  void tick();
}

// A tick may prune a large run history; only one that has not ended for this long is stuck.
const STUCK_AFTER_MS = 120_000;

/** The scheduler is started and its ticks still end. */
export function schedulerAlive(): boolean {
  const state = holder.tidewaterScheduler;
  return !!state && Date.now() - state.lastBeat < Math.max(STUCK_AFTER_MS, 3 * state.intervalMs);
}

export function stopScheduler() {
  const state = holder.tidewaterScheduler;
  if (state?.timer) clearInterval(state.timer);
  holder.tidewaterScheduler = undefined;
}

/** SIGTERM: take no new runs, let running batches finish within the deadline, then exit. */
export async function shutDown(deadlineMs = SHUTDOWN_DEADLINE_MS) {
  stopScheduler();
  await drainRuns(deadlineMs);
}

/** Starts every enabled sync whose time has come and moves its next run along its schedule. */
export async function runDueSyncs(database: Db, now: Date): Promise<string[]> {
  const due = await database.sync.findMany({
    where: { enabled: true, scheduleKind: { in: [...TIMED_KINDS] }, OR: [{ nextRunAt: null }, { nextRunAt: { lte: now } }] },
    select: { id: true, startAt: true, frequencyMinutes: true, nextRunAt: true, scheduleKind: true, cronExpression: true, timeZone: true },
  });
  const started: string[] = [];
  for (const sync of due) {
    await database.sync.update({ where: { id: sync.id }, data: { nextRunAt: nextRunFor(sync, now) } });
    if (sync.nextRunAt === null && !runsAtOnce(sync, now)) continue;
    const run = await startSyncRun(sync.id, "schedule", database);
    if (sync.nextRunAt && run.status === "running") recordSchedulerLag(sync.nextRunAt);
    started.push(run.runId);
  }
  return started;
}

export async function closeInterruptedRuns(database: Db) {
  const left = await database.syncRun.findMany({ where: { status: "running" }, select: { id: true } });
  await database.syncRun.updateMany({
    where: { id: { in: left.map((run) => run.id) }, status: "running" },
    data: { status: "interrupted", finishedAt: new Date(), error: "Interrupted: Tidewater stopped during this run. Rows it had not delivered are sent again next run." },
  });
  noteRunsEnded(database, left.map((run) => run.id));
}
