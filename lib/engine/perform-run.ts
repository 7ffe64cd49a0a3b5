import { loadConnector, type TSourceKind } from "../connectors/registry";
import { ConnectorError } from "../connectors/types";
import type { Db } from "../db";
import { storeInbox } from "../destinations/inbox/store-inbox";
import { destinationFor, type TDestinationKind } from "../destinations/registry";
import { CircuitOpenError } from "../http/circuit-breaker";
import { DeliveryControls } from "../http/delivery-controls";
import { RejectedError, UnavailableError } from "../http/post-json";
import { UnsafeUrlError } from "../http/url-guard";
import { openConfig } from "../secret-config";
import { destinationPolicy } from "../settings/settings";
import type { RunSignals } from "./active-runs";
import type { TCallType } from "./call-types";
import { changeTrackingOf } from "../syncs/change-tracking-setting";
import { executeRun, RunInterruptedError } from "./execute-run";
import { ResultShapeError } from "./plan-columns";
import type { Target } from "./stages/deliver";
import { RunLimitError } from "./stages/read";
import { RunStore } from "./stages/record";
import { QueryError } from "./substitute-last-sync-time";

// Failures a person can act on, shown as the run's error; anything else is a bug and is logged too.
const EXPECTED = [ConnectorError, QueryError, ResultShapeError, RunLimitError, UnavailableError, UnsafeUrlError, RejectedError, CircuitOpenError];

export type RunToPerform = { syncId: string; runId: string; startedAt: Date; lastSyncTime: number; signals: RunSignals };

/**
 * Performs a claimed run to its end and records it: counts, status, and `last_sync_time` advanced to
 * the run's start when it succeeded. Whoever claimed the sync (this process's registry, or a worker's
 * advisory lock) releases it once this resolves.
 */
export async function performRun(database: Db, { syncId, runId, startedAt, lastSyncTime, signals }: RunToPerform) {
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
        ...(changeTracking ? { changeTracking } : {}),
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
