import { ALERTS_DEADLINE_MS, alertsSettled } from "../alerts/evaluate-alerts";
import { db } from "../db";
import { cancelSyncRun, isSyncRunning, whenSyncIdle } from "../engine/active-runs";
import { startSyncRun, SyncBusyError, type RunOrigin, type RunTrigger } from "../engine/run-sync";
import { schedulerAlive, shutDown, startScheduler } from "../engine/scheduler";
import type { JobRunner } from "./job-runner";

/** One process runs everything: the in-process scheduler and registry of active runs. */
export class EmbeddedRunner implements JobRunner {
  readonly mode = "embedded";
  private state: "idle" | "scheduling" | "stopping" = "idle";

  async start(_role: string, { schedule = true } = {}) {
    if (!schedule) return;
    await startScheduler();
    this.state = "scheduling";
  }

  isAlive() {
    if (this.state === "stopping") return false;
    return this.state === "idle" || schedulerAlive();
  }

  runNow(syncId: string, trigger: "manual" | "webhook" | "chain" = "manual", origin: RunOrigin = {}) {
    return this.startRun(syncId, trigger, origin);
  }

  retryRun(syncId: string, runId: string) {
    return this.startRun(syncId, "retry", { retryOfRunId: runId });
  }

  private async startRun(syncId: string, trigger: RunTrigger, origin: RunOrigin = {}) {
    try {
      const run = await startSyncRun(syncId, trigger, db(), origin);
      return { id: run.runId, status: run.status, done: run.done };
    } catch (error) {
      if (error instanceof SyncBusyError) return { busy: error.message };
      throw error;
    }
  }

  async stopRuns(syncId: string, reason: string, { waitMs = 0 } = {}) {
    cancelSyncRun(syncId, reason);
    if (waitMs > 0) await whenSyncIdle(syncId, waitMs);
  }

  async isRunning(syncId: string) {
    return isSyncRunning(syncId);
  }

  async shutDown(deadlineMs?: number) {
    this.state = "stopping";
    await shutDown(deadlineMs);
    await alertsSettled(ALERTS_DEADLINE_MS);
  }
}
