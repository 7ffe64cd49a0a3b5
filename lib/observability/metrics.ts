// The process's Prometheus registry (GET /metrics). Runs are counted where they execute, so each
// process (web with role all, or a worker) exposes its own. Counted per run or per request, never per row.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "tidewater_" });
  const registers = [registry];
  return {
    registry,
    runs: new Counter({ name: "tidewater_runs_total", help: "Runs that ended, by sync and status (skipped included)", labelNames: ["sync_id", "status"], registers }),
    rowsRead: new Counter({ name: "tidewater_rows_read_total", help: "Rows read from the source by ended runs", labelNames: ["sync_id"], registers }),
    rowsSent: new Counter({ name: "tidewater_rows_sent_total", help: "Rows every destination took", labelNames: ["sync_id"], registers }),
    rowsFailed: new Counter({ name: "tidewater_rows_failed_total", help: "Rows that failed (invalid or refused)", labelNames: ["sync_id"], registers }),
    rowsUnchanged: new Counter({ name: "tidewater_rows_unchanged_total", help: "Rows not sent because change tracking found them unchanged", labelNames: ["sync_id"], registers }),
    runDuration: new Histogram({
      name: "tidewater_run_duration_seconds",
      help: "How long runs took, by status",
      labelNames: ["status"],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200],
      registers,
    }),
    requests: new Counter({ name: "tidewater_destination_requests_total", help: "Destination HTTP requests, by host and status code (\"network\" when no answer came)", labelNames: ["host", "status_code"], registers }),
    throttled: new Counter({ name: "tidewater_destination_throttled_total", help: "Destination answers of 429 Too Many Requests", labelNames: ["host"], registers }),
    retries: new Counter({ name: "tidewater_destination_retries_total", help: "Destination requests sent again after a 429, 5xx or network failure", labelNames: ["host"], registers }),
    breakerOpen: new Gauge({ name: "tidewater_circuit_breaker_open", help: "1 while the latest run's circuit breaker for the destination is open", labelNames: ["destination"], registers }),
    schedulerLag: new Histogram({
      name: "tidewater_scheduler_lag_seconds",
      help: "From a scheduled run's due time to its start",
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers,
    }),
  };
}

const holder = globalThis as unknown as { tidewaterMetrics?: ReturnType<typeof createMetrics> };

export function metrics() {
  holder.tidewaterMetrics ??= createMetrics();
  return holder.tidewaterMetrics;
}

export type TRunCounts = { rowsRead: number; rowsSucceeded: number; rowsFailed: number; rowsUnchanged: number };

/** A run's end: its status, counts and duration. */
export function recordRunEnd(syncId: string, status: string, counts: TRunCounts, startedAt: Date) {
  const m = metrics();
  m.runs.inc({ sync_id: syncId, status });
  m.rowsRead.inc({ sync_id: syncId }, counts.rowsRead);
  m.rowsSent.inc({ sync_id: syncId }, counts.rowsSucceeded);
  m.rowsFailed.inc({ sync_id: syncId }, counts.rowsFailed);
  m.rowsUnchanged.inc({ sync_id: syncId }, counts.rowsUnchanged);
  m.runDuration.observe({ status }, (Date.now() - startedAt.getTime()) / 1000);
}

export function recordSkippedRun(syncId: string) {
  metrics().runs.inc({ sync_id: syncId, status: "skipped" });
}

export function recordSchedulerLag(dueAt: Date | number) {
  const due = typeof dueAt === "number" ? dueAt : dueAt.getTime();
  metrics().schedulerLag.observe(Math.max(0, (Date.now() - due) / 1000));
}
