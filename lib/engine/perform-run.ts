import { noteRunsEnded } from "../alerts/evaluate-alerts";
import { loadConnector } from "../connectors/registry";
import { ConnectorError } from "../connectors/types";
import type { Db } from "../db";
import { storeInbox } from "../destinations/inbox/store-inbox";
import { startChainedRuns } from "../jobs/start-chained-runs";
import { destinationFor } from "../destinations/registry";
import { CircuitOpenError } from "../http/circuit-breaker";
import { DeliveryControls } from "../http/delivery-controls";
import { RejectedError, UnavailableError } from "../http/post-json";
import { UnsafeUrlError } from "../http/url-guard";
import { log, withLogContext } from "../observability/log";
import { recordRunEnd } from "../observability/metrics";
import { destinationPolicy } from "../settings/settings";
import type { RunSignals } from "./active-runs";
import { executeRun, RunInterruptedError } from "./execute-run";
import { ResultShapeError } from "./plan-columns";
import { loadRunPlan, RunPlanError, type TRunDestination } from "./run-plan";
import type { Target } from "./stages/deliver";
import { RunLimitError } from "./stages/read";
import { RetryQueue } from "./retries/retry-queue";
import { RunStore } from "./stages/record";
import { QueryError } from "./substitute-last-sync-time";

// Failures a person can act on, shown as the run's error; anything else is a bug and is logged too.
export const EXPECTED = [ConnectorError, QueryError, ResultShapeError, RunLimitError, RunPlanError, UnavailableError, UnsafeUrlError, RejectedError, CircuitOpenError];

export type RunToPerform = { syncId: string; runId: string; startedAt: Date; lastSyncTime: number; signals: RunSignals };

export type TRunEndStatus = "succeeded" | "failed" | "cancelled" | "interrupted";

/**
 * Performs a claimed run to its end and records it: counts, status, and `last_sync_time` advanced to
 * the run's start when it succeeded. It resolves only once nothing of the run is going (no batch in
 * flight), and never rejects. Whoever claimed the sync (this process's registry, or a worker's
 * advisory lock) releases it once this resolves.
 */
export function performRun(database: Db, run: RunToPerform): Promise<void> {
  return withLogContext({ runId: run.runId, syncId: run.syncId }, () => performAndRecord(database, run));
}

async function performAndRecord(database: Db, { syncId, runId, startedAt, lastSyncTime, signals }: RunToPerform): Promise<void> {
  log().info("run started");
  const store = new RunStore(database, runId, syncId);
  let status: TRunEndStatus = "succeeded";
  let error: string | null = null;
  let bug: unknown;
  let retries: RetryQueue | undefined;
  // Retry failed rows: only the rows a run could not deliver, so the query's place does not move.
  const kind = await database.syncRun.findUnique({ where: { id: runId }, select: { trigger: true, retryOfRunId: true } });
  const retryOnly = kind?.trigger === "retry";
  try {
    const plan = await loadRunPlan(database, syncId);
    retries = await RetryQueue.open(database, { syncId, runId, limit: plan.retryLimit, retryOfRunId: retryOnly ? kind?.retryOfRunId : null });
    const targets = plan.destinations.map(target);
    await executeRun(
      {
        syncId,
        type: plan.type,
        query: plan.query,
        lastSyncTime,
        connector: await loadConnector(plan.source.kind),
        sourceConfig: plan.source.config,
        targets,
        concurrency: Math.max(...plan.destinations.map((destination, i) => destination.concurrency ?? targets[i].destination.spec.defaults.concurrency)),
        drain: signals.drain,
        retries,
        retryOnly,
        ...(plan.changeTracking ? { changeTracking: plan.changeTracking } : {}),
        delivery: {
          policy: await destinationPolicy(),
          signal: signals.cancel,
          storeInbox: (destinationId, batch) => storeInbox(database, destinationId, batch),
        },
      },
      store,
    );
  } catch (caught) {
    if (caught instanceof RunInterruptedError) {
      status = "interrupted";
      error = caught.message;
    } else if (signals.cancel.aborted) {
      status = signals.drain.aborted ? "interrupted" : "cancelled";
      error = `Cancelled: ${cancelReason(signals.cancel)}.`;
    } else {
      status = "failed";
      error = caught instanceof Error ? caught.message : String(caught);
      if (!EXPECTED.some((type) => caught instanceof type)) bug = caught;
    }
  }
  try {
    await database.$transaction([
      database.syncRun.update({
        where: { id: runId },
        data: { status, finishedAt: new Date(), error, ...store.counts(), rowsRetried: retries?.rowsRetried ?? 0 },
      }),
      ...(status === "succeeded" && !retryOnly ? [database.sync.update({ where: { id: syncId }, data: { lastSyncTime: Math.floor(startedAt.getTime() / 1000) } })] : []),
    ]);
  } catch (writeError) {
    // E.g. the sync was deleted during the run, taking the run's row with it. Nothing is left to
    // record the end in; the caller must still be able to release the sync.
    const gone = (await database.syncRun.count({ where: { id: runId } }).catch(() => 1)) === 0;
    if (gone) log().error(`[tidewater] run ${runId} of sync ${syncId} ended (${status}) after its run record was deleted; nothing to record.`);
    else log().error({ err: writeError, ...(bug ? { bug } : {}) }, `[tidewater] run ${runId} of sync ${syncId} ended (${status}), but its end could not be recorded`);
    return;
  } finally {
    recordRunEnd(syncId, status, store.counts(), startedAt);
  }
  noteRunsEnded(database, [runId]);
  // The one place a run succeeds, so the one place chains go on (a retry of failed rows is not a run
  // of the sync's query). Not awaited: the sync's lock is released meanwhile, so a Run now right after
  // this success is not skipped; a process that stops first leaves the links to the sweep.
  if (status === "succeeded" && !retryOnly) void startChainedRuns(database, { id: runId, syncId });
  if (bug) log().error({ err: bug }, `[tidewater] run ${runId} failed`);
  log().info({ status, ...store.counts(), ...(error ? { error } : {}) }, "run ended");
}

function cancelReason(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : "stopped";
}

function target(destination: TRunDestination): Target {
  const writer = destinationFor(destination.kind);
  const defaults = writer.spec.defaults;
  return {
    id: destination.id,
    name: destination.name,
    destination: writer,
    config: destination.config,
    controls: new DeliveryControls(destination.name, {
      concurrency: destination.concurrency ?? defaults.concurrency,
      rateLimitPerSecond: destination.rateLimitPerSecond ?? defaults.rateLimitPerSecond,
    }),
  };
}
