"use client";

import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatDuration } from "@/lib/format";
import { useSourceRuns, type TRunRow } from "@/lib/hooks/use-source-runs";
import { isRunInProgress } from "@/lib/runs/run-status";
import { CancelRunButton } from "./cancel-run-button";
import { RunProgress } from "./run-progress";
import { RunStatusBadge } from "./run-status-badge";

const TRIGGER_LABELS: Record<string, string> = { manual: "Run now", schedule: "Scheduled", retry: "Retry failed rows", webhook: "Started by webhook", chain: "After another sync" };

/** The Imports tab: one row per run, live while runs are in progress. */
export function ImportsTable({ sourceId, initialRuns }: { sourceId: string; initialRuns: TRunRow[] }) {
  const { data: runs } = useSourceRuns(sourceId, initialRuns);
  if (runs.length === 0) {
    return (
      <section className="panel">
        <EmptyState title="No imports yet">Each run of a sync shows up here with its counts. Enable a sync or click Run now on the Syncs tab.</EmptyState>
      </section>
    );
  }
  return (
    <section className="panel" data-testid="imports">
      <table>
        <thead>
          <tr>
            <th>Sync</th>
            <th>Started</th>
            <th>Duration</th>
            <th>Status</th>
            <th>Rows read</th>
            <th>Succeeded</th>
            <th>Failed</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="import-row">
              <td>
                {run.sync.name}
                <div className="muted small">
                  <code>{run.sync.type}</code> · {TRIGGER_LABELS[run.trigger] ?? "Scheduled"}
                </div>
              </td>
              <td>{formatDateTime(run.startedAt)}</td>
              <td>{isRunInProgress(run.status) ? `${run.status}…` : formatDuration(run.startedAt, run.finishedAt)}</td>
              <td title={run.error ?? undefined}>
                <RunStatusBadge status={run.status} />
                {run.status === "running" && <RunProgress read={run.rowsRead} processed={run.rowsSucceeded + run.rowsFailed + run.rowsUnchanged} />}
                {run.error && !isRunInProgress(run.status) && <div className="muted small" style={{ maxWidth: 260 }}>{run.error}</div>}
              </td>
              <td>
                {run.rowsRead.toLocaleString("en-US")}
                {run.rowsUnchanged > 0 && <div className="muted small">{run.rowsUnchanged.toLocaleString("en-US")} unchanged, not sent</div>}
                {run.rowsRetried > 0 && <div className="muted small">{run.rowsRetried.toLocaleString("en-US")} retried</div>}
              </td>
              <td>{run.rowsSucceeded.toLocaleString("en-US")}</td>
              <td>{run.rowsFailed.toLocaleString("en-US")}</td>
              <td>
                <div className="actions">
                  <Link href={`/runs/${run.id}`}>View</Link>
                  {isRunInProgress(run.status) && <CancelRunButton run={run} syncName={run.sync.name} sourceId={sourceId} />}
                  {run.rowsFailed > 0 && (
                    <a className="button secondary small" href={`/runs/${run.id}/errors.csv`} download>
                      Download errors
                    </a>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
