import Link from "next/link";
import { RunAlerts } from "@/components/alerts/run-alerts";
import { CancelRunButton } from "@/components/runs/cancel-run-button";
import { RunChainNote } from "@/components/runs/run-chain-note";
import { RetryFailedRowsButton } from "@/components/runs/retry-failed-rows-button";
import { RunErrors } from "@/components/runs/run-errors";
import { RunRetries } from "@/components/runs/run-retries";
import { RunRefresher } from "@/components/runs/run-refresher";
import { RunProgress } from "@/components/runs/run-progress";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { PageHead } from "@/components/ui/page-head";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { formatDateTime, formatDuration } from "@/lib/format";
import { getRunChain } from "@/lib/runs/get-run-chain";
import { listRunErrors } from "@/lib/runs/list-run-errors";
import { listRunRetries } from "@/lib/runs/list-run-retries";
import { getRun } from "@/lib/runs/list-runs";
import { isRunInProgress } from "@/lib/runs/run-status";
import { getSync } from "@/lib/syncs/get-sync";

export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor();
  const { id } = await params;
  const run = await getRun(id);
  const [sync, errors, retries, chain] = await Promise.all([getSync(run.syncId), listRunErrors(id), listRunRetries(id), getRunChain(run)]);
  const inProgress = isRunInProgress(run.status);
  // Members and admins may run syncs; the action checks the role again on the server.
  const canRetry = retries.waiting > 0 && !inProgress && hasRole(actor, "member");
  const stats = [
    ["Status", <RunStatusBadge key="s" status={run.status} />],
    ["Started", formatDateTime(run.startedAt)],
    ["Duration", inProgress ? `${run.status}…` : formatDuration(run.startedAt, run.finishedAt)],
    ["Rows read", run.rowsRead.toLocaleString("en-US")],
    ["Succeeded", run.rowsSucceeded.toLocaleString("en-US")],
    ["Failed", run.rowsFailed.toLocaleString("en-US")],
    ...(run.rowsUnchanged > 0 ? [["Unchanged since last delivered (not sent)", run.rowsUnchanged.toLocaleString("en-US")]] : []),
    ...(run.rowsRetried > 0 ? [["Retried (rows of earlier runs)", run.rowsRetried.toLocaleString("en-US")]] : []),
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
        {canRetry && <RetryFailedRowsButton runId={run.id} waiting={retries.waiting} />}
        {run.rowsFailed > 0 && (
          <a className="button" href={`/runs/${run.id}/errors.csv`} download>
            Download errors
          </a>
        )}
      </PageHead>
      {inProgress && <RunRefresher />}
      {run.retryOfRunId && (
        <p className="muted" style={{ marginBottom: "1rem" }}>
          Retry failed rows of <Link href={`/runs/${run.retryOfRunId}`}>an earlier run</Link>: this run read no query and sent only those rows again.
        </p>
      )}
      <RunChainNote run={run} chain={chain} />
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
      {/* A Retry failed rows run reads no rows: what it did is under Retried rows. */}
      {(run.trigger !== "retry" || errors.length > 0) && (
        <section className="panel">
          <h2>Errors</h2>
          <RunErrors errors={errors} total={run.rowsFailed} />
          {retries.waiting > 0 && (
            <p className="muted small" data-testid="rows-waiting">
              {retries.waiting.toLocaleString("en-US")} of these rows were refused or could not be delivered: the next runs send them again, up to the
              sync&apos;s retry limit ({sync.retryLimit}), or Retry failed rows sends them now.
            </p>
          )}
        </section>
      )}
      {(retries.total > 0 || run.trigger === "retry") && (
        <section className="panel">
          <h2>Retried rows</h2>
          <RunRetries {...retries} />
        </section>
      )}
      <RunAlerts runId={run.id} />
    </>
  );
}
