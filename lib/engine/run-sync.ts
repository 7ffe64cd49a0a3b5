import { loadConnector, type TSourceKind } from "../connectors/registry";
import { ConnectorError } from "../connectors/types";
import { db, type Db } from "../db";
import { storeInbox } from "../destinations/inbox/store-inbox";
import { destinationFor, type TDestinationKind } from "../destinations/registry";
import { CircuitOpenError } from "../http/circuit-breaker";
import { DeliveryControls } from "../http/delivery-controls";
import { RejectedError, UnavailableError } from "../http/post-json";
import { UnsafeUrlError } from "../http/url-guard";
import { openConfig } from "../secret-config";
import { destinationPolicy } from "../settings/settings";
import { claimSync, isDraining, releaseSync, trackRunCompletion, type RunSignals } from "./active-runs";
import type { TCallType } from "./call-types";
import type { Target } from "./deliver";
import { changeTrackingOf } from "../syncs/change-tracking-setting";
import { snapshotFile } from "./change-tracking/snapshot-file";
import { executeRun, RunInterruptedError, RunLimitError } from "./execute-run";
import { ResultShapeError } from "./plan-columns";
import { RunStore } from "./run-store";
import { QueryError } from "./substitute-last-sync-time";

export type RunTrigger = "schedule" | "manual";
export type StartedRun = { runId: string; status: "running" | "skipped"; done: Promise<void> };

export class SyncBusyError extends Error {}

// Failures a person can act on, shown as the run's error; anything else is a bug and is logged too.
const EXPECTED = [ConnectorError, QueryError, ResultShapeError, RunLimitError, UnavailableError, UnsafeUrlError, RejectedError, CircuitOpenError];

/**
 * Starts a run of a sync unless one is going. A scheduled run that comes due while the last one is
 * going is recorded as skipped (the data catches up next run); a manual one is refused with
 * SyncBusyError. `last_sync_time` advances to this run's start only when the run succeeds.
 */
export async function startSyncRun(syncId: string, trigger: RunTrigger, database: Db = db()): Promise<StartedRun> {
  if (isDraining()) throw new SyncBusyError("Tidewater is shutting down; start the run again once it is back.");
  const sync = await database.sync.findUniqueOrThrow({ where: { id: syncId } });
  const startedAt = new Date();
  const run = await database.syncRun.create({
    data: { syncId, status: "running", trigger, startedAt, lastSyncTime: sync.lastSyncTime },
  });
  const signals = claimSync(syncId, run.id);
  if (!signals) {
    if (trigger === "manual") {
      await database.syncRun.delete({ where: { id: run.id } });
      throw new SyncBusyError("A run of this sync is already going; wait for it to finish.");
    }
    await database.syncRun.update({
      where: { id: run.id },
      data: { status: "skipped", finishedAt: new Date(), error: "Skipped: the previous run of this sync was still going." },
    });
    return { runId: run.id, status: "skipped", done: Promise.resolve() };
  }
  const done = runToEnd(database, syncId, run.id, startedAt, sync.lastSyncTime, signals).finally(() => releaseSync(syncId, run.id));
  trackRunCompletion(syncId, run.id, done);
  return { runId: run.id, status: "running", done };
}

async function runToEnd(database: Db, syncId: string, runId: string, startedAt: Date, lastSyncTime: number, signals: RunSignals) {
  const store = new RunStore(database, runId, syncId);
  let status: "succeeded" | "failed" | "interrupted" = "succeeded";
  let error: string | null = null;
  try {
    const sync = await database.sync.findUniqueOrThrow({
      where: { id: syncId },
      include: { source: true, database: true, destinations: { include: { destination: true } } },
    });
    if (sync.destinations.length === 0) throw new ConnectorError("This sync has no destination: pick at least one.");
    const targets = sync.destinations.map(({ destination }) => target(destination));
    const changeTracking = changeTrackingOf(sync);
    await executeRun(
      {
        syncId,
        type: sync.type as TCallType,
        query: sync.query,
        lastSyncTime,
        connector: await loadConnector(sync.source.kind as TSourceKind),
        sourceConfig: openConfig(sync.database),
        targets,
        concurrency: Math.max(...targets.map((t) => (t.config.concurrency as number | undefined) ?? t.destination.spec.defaults.concurrency)),
        drain: signals.drain,
        ...(changeTracking ? { changeTracking: { ...changeTracking, snapshotFile: snapshotFile(syncId) } } : {}),
        delivery: {
          policy: await destinationPolicy(),
          signal: signals.cancel,
          storeInbox: (destinationId, batch) => storeInbox(database, destinationId, sync.type, batch),
        },
      },
      store,
    );
  } catch (caught) {
    if (caught instanceof RunInterruptedError) {
      status = "interrupted";
      error = caught.message;
    } else if (signals.cancel.aborted) {
      status = signals.drain.aborted ? "interrupted" : "failed";
      error = `Cancelled: ${(signals.cancel.reason as Error)?.message ?? "stopped"}.`;
    } else {
      status = "failed";
      error = caught instanceof Error ? caught.message : String(caught);
      if (!EXPECTED.some((type) => caught instanceof type)) console.error(`[tidewater] run ${runId} failed`, caught);
    }
  }
  await database.$transaction([
    database.syncRun.update({
      where: { id: runId },
      data: { status, finishedAt: new Date(), error, ...store.counts() },
    }),
    ...(status === "succeeded" ? [database.sync.update({ where: { id: syncId }, data: { lastSyncTime: Math.floor(startedAt.getTime() / 1000) } })] : []),
  ]);
}

function target(destination: { id: string; name: string; kind: string; configJson: string; secretsEncrypted: string | null }): Target {
  const writer = destinationFor(destination.kind as TDestinationKind);
  const config = openConfig(destination);
  const defaults = writer.spec.defaults;
  return {
    id: destination.id,
    name: destination.name,
    destination: writer,
    config,
    controls: new DeliveryControls(destination.name, {
      concurrency: (config.concurrency as number | undefined) ?? defaults.concurrency,
      rateLimitPerSecond: (config.rateLimitPerSecond as number | undefined) ?? defaults.rateLimitPerSecond,
    }),
  };
}
