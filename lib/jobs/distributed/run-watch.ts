import type { Db } from "../../db";
import { cancelSyncRun } from "../../engine/active-runs";
import { log } from "../../observability/log";

const POLL_MS = 1_000;
export const HEARTBEAT_MS = 5_000;

/**
 * Watches the runs going in this worker: every second it reads their rows for a cancel request
 * (Cancel run, disable, delete: any web process writes it) and every few seconds it refreshes their
 * heartbeat, by which other workers tell a live run from a dead worker's.
 */
export class RunWatch {
  private readonly runs = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private lastBeat = 0;
  private polling = false;

  constructor(private readonly database: Db) {}

  start() {
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
  }

  add(runId: string, syncId: string) {
    this.runs.set(runId, syncId);
  }

  remove(runId: string) {
    this.runs.delete(runId);
  }

  /** Every run here is told to stop, e.g. when the worker's lock connection is lost. */
  cancelAll(reason: string) {
    for (const syncId of this.runs.values()) cancelSyncRun(syncId, reason);
  }

  private async poll() {
    if (this.polling || this.runs.size === 0) return;
    this.polling = true;
    try {
      const ids = [...this.runs.keys()];
      if (Date.now() - this.lastBeat >= HEARTBEAT_MS) {
        this.lastBeat = Date.now();
        await this.database.syncRun.updateMany({ where: { id: { in: ids }, status: "running" }, data: { heartbeatAt: new Date() } });
      }
      const rows = await this.database.syncRun.findMany({ where: { id: { in: ids } }, select: { id: true, cancelRequestedAt: true, cancelReason: true } });
      const found = new Map(rows.map((row) => [row.id, row]));
      // Only the runs asked about: one added while the query was out is not "deleted".
      for (const runId of ids) {
        const syncId = this.runs.get(runId);
        if (!syncId) continue;
        const row = found.get(runId);
        if (!row) cancelSyncRun(syncId, "the run was deleted");
        else if (row.cancelRequestedAt) cancelSyncRun(syncId, row.cancelReason ?? "the run was cancelled");
      }
    } catch (error) {
      log().error(`[tidewater] could not check this worker's runs: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }
}
