import { RunAlerts } from "@/components/alerts/run-alerts";
import { CancelRunButton } from "@/components/runs/cancel-run-button";
import { RunErrors } from "@/components/runs/run-errors";
import { RunRefresher } from "@/components/runs/run-refresher";
import { RunProgress } from "@/components/runs/run-progress";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { PageHead } from "@/components/ui/page-head";
import { pageActor } from "@/lib/auth/page-actor";
import { formatDateTime, formatDuration } from "@/lib/format";
import { listRunErrors } from "@/lib/runs/list-run-errors";
import { getRun } from "@/lib/runs/list-runs";
import { isRunInProgress } from "@/lib/runs/run-status";
import { getSync } from "@/lib/syncs/get-sync";

export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  await pageActor();
  const { id } = await params;
  const run = await getRun(id);
  const [sync, errors] = await Promise.all([getSync(run.syncId), listRunErrors(id)]);
  const inProgress = isRunInProgress(run.status);
  const stats = [
    ["Status", <RunStatusBadge key="s" status={run.status} />],
    ["Started", formatDateTime(run.startedAt)],
    ["Duration", inProgress ? `${run.status}…` : formatDuration(run.startedAt, run.finishedAt)],
    ["Rows read", run.rowsRead.toLocaleString("en-US")],
    ["Succeeded", run.rowsSucceeded.toLocaleString("en-US")],
    ["Failed", run.rowsFailed.toLocaleString("en-US")],
    ...(run.rowsUnchanged > 0 ? [["Unchanged since last delivered (not sent)", run.rowsUnchanged.toLocaleString("en-US")]] : []),
  ] as const;
  return (
    <>
      <PageHead
        title={`Import of ${sync.name}`}
        crumbs={[
          { href: "/sources", label: "Sources" },
          { href: `/sources/${sync.sourceId}?tab=imports`, label: "Imports" },
        ]}
      >
        {inProgress && <CancelRunButton run={run} syncName={sync.name} sourceId={sync.sourceId} />}
        {run.rowsFailed > 0 && (
          <a className="button" href={`/runs/${run.id}/errors.csv`} download>
            Download errors
          </a>
        )}
      </PageHead>
      {inProgress && <RunRefresher />}
      <div className="stats" data-testid="run-stats">
        {stats.map(([label, value]) => (
          <div className="stat" key={label}>
            <div className="label">{label}</div>
            <div className="value">{value}</div>
          </div>
        ))}
      </div>
      {run.status === "running" && (
        <section className="panel">
          <RunProgress read={run.rowsRead} processed={run.rowsSucceeded + run.rowsFailed + run.rowsUnchanged} />
        </section>
      )}
      {run.error && (
        // A cancelled run's "error" says who cancelled it: worth reading, not an alarm.
        <p className={run.status === "cancelled" ? "muted" : "form-error"} role={run.status === "cancelled" ? undefined : "alert"} style={{ marginBottom: "1rem" }}>
          {run.error}
        </p>
      )}
      <section className="panel">
        <h2>Errors</h2>
        <RunErrors errors={errors} total={run.rowsFailed} />
      </section>
      <RunAlerts runId={run.id} />
    </>
  );
}
