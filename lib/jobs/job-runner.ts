import type { RunOrigin } from "../engine/run-sync";
import { env, isDistributed } from "../env";
import { DistributedRunner } from "./distributed/distributed-runner";
import { EmbeddedRunner } from "./embedded-runner";

export type TRole = "all" | "web" | "worker";
export type QueuedRun = { id: string; status: "queued" | "running" | "skipped"; readonly done: Promise<void> };
/**
 * A refusal is a value, not an error: the runner on globalThis may come from another Next.js bundle
 * than its caller, whose `instanceof` would not know that bundle's error classes.
 */
export type Busy = { busy: string };

/**
 * How runs are started, stopped and scheduled. Embedded (SQLite): in this process, as ever.
 * Distributed (PostgreSQL): runs are pg-boss jobs that any worker process may take; web processes
 * only queue and signal them through the app database.
 */
export interface JobRunner {
  readonly mode: "embedded" | "distributed";
  /** Starts what the role runs here: schedule and runs for "all" and "worker", nothing for "web". */
  start(role: TRole, options?: { schedule?: boolean }): Promise<void>;
  /**
   * "Run now", and the runs an inbound trigger or a chain starts. Refused while a run of the sync is
   * queued or going, except a chained or triggered run, which is then recorded as skipped.
   */
  runNow(syncId: string, trigger?: "manual" | "webhook" | "chain", origin?: RunOrigin): Promise<QueuedRun | Busy>;
  /** Retry failed rows: a run of only the rows run `runId` could not deliver. Refused like runNow. */
  retryRun(syncId: string, runId: string): Promise<QueuedRun | Busy>;
  /** Disable, delete: ends the sync's queued or running run; with `waitMs`, resolves once it has ended. */
  stopRuns(syncId: string, reason: string, options?: { waitMs?: number }): Promise<void>;
  isRunning(syncId: string): Promise<boolean>;
  /** SIGTERM: take no new runs, let running batches finish within the deadline. */
  shutDown(deadlineMs?: number): Promise<void>;
  /** GET /readyz: what this process started (scheduler, worker loop) still goes round; false once shutting down. */
  isAlive(): boolean;
}

const holder = globalThis as unknown as { tidewaterJobRunner?: JobRunner };

/**
 * The process's runner, chosen by the app database; one per process, kept on globalThis because
 * Next.js may load this module more than once (instrumentation, route bundles).
 */
export async function jobRunner(): Promise<JobRunner> {
  holder.tidewaterJobRunner ??= isDistributed() ? new DistributedRunner(env().DATABASE_URL) : new EmbeddedRunner();
  return holder.tidewaterJobRunner;
}
