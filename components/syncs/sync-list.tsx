"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { deleteSyncAction, runSyncNowAction, setSyncEnabledAction } from "@/app/(dashboard)/syncs/actions";
import { CancelRunButton } from "@/components/runs/cancel-run-button";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form-message";
import { formatDateTime } from "@/lib/format";
import { useSourceSyncs, type TSyncRow } from "@/lib/hooks/use-source-syncs";
import { queryKeys } from "@/lib/query-keys";
import { isRunInProgress } from "@/lib/runs/run-status";

type Props = { sourceId: string; initialSyncs: TSyncRow[]; hasDatabase: boolean; admin: boolean };

/** The Syncs tab: state of every sync, with enable/disable, Run now (or Cancel run), edit and delete. */
export function SyncList({ sourceId, initialSyncs, hasDatabase, admin }: Props) {
  const { data: syncs } = useSourceSyncs(sourceId, initialSyncs);
  const client = useQueryClient();
  const [message, setMessage] = useState<{ error?: string; ok?: string }>({});
  const [busy, setBusy] = useState<string | null>(null);

  async function act(syncId: string, work: () => Promise<{ ok: boolean; error?: string }>, ok?: string) {
    setBusy(syncId);
    const result = await work();
    setBusy(null);
    setMessage(result.ok ? { ok } : { error: result.error });
    await client.invalidateQueries({ queryKey: queryKeys.sourceSyncs(sourceId) });
    await client.invalidateQueries({ queryKey: queryKeys.sourceRuns(sourceId) });
  }

  if (syncs.length === 0) {
    return (
      <section className="panel">
        <FormMessage error={message.error} ok={message.ok} />
        {hasDatabase ? (
          <EmptyState title="No syncs yet" action={{ href: `/sources/${sourceId}/syncs/new`, label: "Add sync" }}>
            A sync runs a query on a schedule and turns each row into an identify, track or other call.
          </EmptyState>
        ) : (
          <EmptyState title="Add a database first" action={admin ? { href: `/sources/${sourceId}/databases/new`, label: "Add database" } : undefined}>
            Syncs read from a database of this source. {admin ? "" : "Ask an admin to add one."}
          </EmptyState>
        )}
      </section>
    );
  }

  return (
    <section className="panel" data-testid="sync-list">
      <FormMessage error={message.error} ok={message.ok} />
      <table>
        <thead>
          <tr>
            <th>Sync</th>
            <th>Type</th>
            <th>Frequency</th>
            <th>Enabled</th>
            <th>Last run</th>
            <th>Next run</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {syncs.map((sync) => (
            <tr key={sync.id} data-testid="sync-row">
              <td>
                <strong>{sync.name}</strong>
                {sync.description && <div className="muted small">{sync.description}</div>}
              </td>
              <td>
                <code>{sync.type}</code>
              </td>
              <td>{sync.scheduleLabel}</td>
              <td>
                <button
                  type="button"
                  role="switch"
                  className="switch"
                  aria-checked={sync.enabled}
                  aria-label={`${sync.enabled ? "Disable" : "Enable"} ${sync.name}`}
                  disabled={busy === sync.id}
                  onClick={() => act(sync.id, () => setSyncEnabledAction(sync.id, !sync.enabled), `${sync.name} ${sync.enabled ? "disabled" : "enabled"}.`)}
                />
              </td>
              <td>
                {sync.lastRun ? (
                  <>
                    <RunStatusBadge status={sync.lastRun.status} />
                    <div className="muted small">{formatDateTime(sync.lastRun.startedAt)}</div>
                  </>
                ) : (
                  <span className="muted">Never</span>
                )}
              </td>
              <td>{sync.enabled ? (sync.nextRunAt ? formatDateTime(sync.nextRunAt) : <span className="muted">—</span>) : <span className="muted">Disabled</span>}</td>
              <td>
                <div className="actions">
                  <button
                    type="button"
                    className="button secondary small"
                    disabled={busy === sync.id || (sync.lastRun !== null && isRunInProgress(sync.lastRun.status))}
                    onClick={() => act(sync.id, () => runSyncNowAction(sync.id), `${sync.name} started. Follow it in the Imports tab.`)}
                  >
                    Run now
                  </button>
                  {sync.lastRun && isRunInProgress(sync.lastRun.status) && <CancelRunButton run={sync.lastRun} syncName={sync.name} sourceId={sourceId} />}
                  <Link className="button secondary small" href={`/syncs/${sync.id}`}>
                    Edit
                  </Link>
                  <button
                    type="button"
                    className="button secondary small danger"
                    disabled={busy === sync.id}
                    onClick={() => {
                      if (window.confirm(`Delete the sync "${sync.name}"? Its run history goes with it. This cannot be undone.`)) {
                        void act(sync.id, () => deleteSyncAction(sync.id), `${sync.name} deleted.`);
                      }
                    }}
                  >
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
