import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import type PgBoss from "pg-boss";
import { ALERTS_DEADLINE_MS, alertsSettled } from "../../alerts/evaluate-alerts";
import { db } from "../../db";
import { activeRunCount, drainRuns } from "../../engine/active-runs";
import { pruneOldRuns } from "../../engine/prune-runs";
import { pruneAuditEvents } from "../../audit/prune-audit-events";
import { SyncBusyError, type RunOrigin, type RunTrigger } from "../../engine/run-sync";
import { SHUTDOWN_DEADLINE_MS } from "../../engine/scheduler";
import { env } from "../../env";
import { getSettings } from "../../settings/settings";
import type { JobRunner, TRole } from "../job-runner";
import { startBoss } from "./boss";
import { hasRunInProgress, queueRun } from "./queue-run";
import { runJob, type WorkerContext } from "./run-job";
import { queueScheduledRuns } from "./queue-scheduled-runs";
import { RunTaker } from "./run-taker";
import { RunWatch } from "./run-watch";
import { stopRunsOfSync } from "./stop-runs";
import { sweepInterruptedRuns, sweepLostQueuedRuns } from "./sweep-interrupted";
import { SyncLocks } from "./sync-locks";
import { takeDueSyncs } from "./take-due-syncs";
import { startMissedChainedRuns } from "../start-chained-runs";
import { waitForRunEnd } from "../wait-for-run-end";
import { log } from "../../observability/log";

const TICK_MS = 1_000;
const SWEEP_MS = 10_000;
const PRUNE_MS = 60 * 60 * 1000;
// The sweep ends every 10 s; none ended for this long means this worker's loop is stuck.
const STUCK_AFTER_MS = 60_000;
// Runs queued by one statement: small enough that the first of many due runs start at once.
const QUEUE_AT_ONCE = 100;

/**
 * Runs as pg-boss jobs on the PostgreSQL app database. Every worker ticks: it takes the syncs that
 * came due (each due time by one process only) and queues their runs; any worker takes a queued
 * run. A web process only queues runs and writes cancel requests; it never waits on a run.
 */
export class DistributedRunner implements JobRunner {
  readonly mode = "distributed";
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(2).toString("hex")}`;
  private boss?: Promise<PgBoss>;
  private pool?: pg.Pool;
  private worker?: WorkerContext;
  private taker?: RunTaker;
  private timers: NodeJS.Timeout[] = [];
  private busy = new Set<string>();
  private lastBeat = Date.now();
  private stopping = false;
  private loops = false;

  constructor(private readonly connectionString: string) {}

  async start(role: TRole, { schedule = true } = {}) {
    const boss = await this.jobs(role !== "web");
    if (role === "web") return;
    const database = db();
    this.pool = new pg.Pool({ connectionString: this.connectionString, max: 3, application_name: "tidewater-worker" });
    const watch = new RunWatch(database);
    const locks = await SyncLocks.open(this.connectionString, (error) =>
      watch.cancelAll(`this worker lost its connection to PostgreSQL (${error.message})`),
    );
    this.worker = { database, boss, locks, watch, workerId: this.workerId };
    this.loops = true;
    watch.start();
    const worker = this.worker;
    this.taker = new RunTaker(boss, env().TIDEWATER_WORKER_CONCURRENCY, (job) => runJob(worker, job));
    this.taker.start();
    this.every(SWEEP_MS, async () => {
      await sweepInterruptedRuns(database, this.pool!, this.workerId);
      await sweepLostQueuedRuns(database, this.pool!);
      await startMissedChainedRuns(database);
    });
    if (schedule) {
      this.every(TICK_MS, () => this.queueDueRuns(boss));
      let lastPrune = 0;
      this.every(SWEEP_MS, async () => {
        if (Date.now() - lastPrune < PRUNE_MS) return;
        lastPrune = Date.now();
        await pruneOldRuns(database, (await getSettings()).runRetentionDays);
        await pruneAuditEvents(database, (await getSettings()).auditRetentionDays);
      });
    }
  }

  runNow(syncId: string, trigger: "manual" | "webhook" | "chain" = "manual", origin: RunOrigin = {}) {
    return this.queue(syncId, trigger, origin);
  }

  retryRun(syncId: string, runId: string) {
    return this.queue(syncId, "retry", { retryOfRunId: runId });
  }

  private async queue(syncId: string, trigger: RunTrigger, origin: RunOrigin = {}) {
    let run: Awaited<ReturnType<typeof queueRun>>;
    try {
      run = await queueRun(db(), await this.jobs(false), syncId, trigger, origin);
    } catch (error) {
      if (error instanceof SyncBusyError) return { busy: error.message };
      throw error;
    }
    // Only scripts and tests wait; it polls the run's row, so it starts when asked for.
    return { ...run, get done() { return waitForRunEnd(db(), run.id); } };
  }

  async stopRuns(syncId: string, reason: string, options: { waitMs?: number } = {}) {
    await stopRunsOfSync(db(), syncId, reason, options.waitMs ?? 0);
  }

  async isRunning(syncId: string) {
    return hasRunInProgress(db(), syncId);
  }

  get runningHere(): number {
    return activeRunCount();
  }

  /** A web process runs no loop; a worker's timers must still be ending their tasks. */
  isAlive() {
    if (this.stopping) return false;
    return !this.loops || Date.now() - this.lastBeat < STUCK_AFTER_MS;
  }

  async shutDown(deadlineMs = SHUTDOWN_DEADLINE_MS) {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    const boss = await this.boss?.catch(() => undefined);
    // No more runs taken; the running ones finish their batches and record their end.
    await Promise.all([this.taker?.stop(), drainRuns(deadlineMs)]);
    await alertsSettled(ALERTS_DEADLINE_MS);
    await boss?.stop({ graceful: false, wait: true });
    this.worker?.watch.stop();
    await this.worker?.locks.close();
    await this.pool?.end();
  }

  private jobs(supervise: boolean): Promise<PgBoss> {
    this.boss ??= startBoss(this.connectionString, { supervise });
    return this.boss;
  }

  private async queueDueRuns(boss: PgBoss) {
    const due = await takeDueSyncs(this.pool!);
    for (let i = 0; i < due.length; i += QUEUE_AT_ONCE) {
      await queueScheduledRuns(db(), this.pool!, boss, due.slice(i, i + QUEUE_AT_ONCE));
      this.taker?.wake();
    }
  }

  /** A timer that never overlaps itself and logs what goes wrong. */
  private every(ms: number, task: () => Promise<unknown>) {
    const name = `task${this.timers.length}`;
    const timer = setInterval(async () => {
      if (this.busy.has(name)) return;
      this.busy.add(name);
      try {
        await task();
      } catch (error) {
        log().error(`[tidewater] worker task failed: ${(error as Error).message}`);
      } finally {
        this.lastBeat = Date.now();
        this.busy.delete(name);
      }
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
