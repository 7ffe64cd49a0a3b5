"use client";

import { DryRunPanel } from "@/components/runs/dry-run-panel";
import { useDryRun } from "@/lib/hooks/use-dry-run";
import { syncInput, type TSyncDraft } from "./sync-draft";

/** The wizard's Dry run, before save: the sync as filled in so far, run as its next run would go, sent nowhere. */
export function WizardDryRun({ draft, sourceId, syncId }: { draft: TSyncDraft; sourceId: string; syncId?: string }) {
  const { state, start, stop } = useDryRun("/api/v1/dry-runs");
  const run = () => {
    const { databaseId, type, query, destinationIds, changeTracking } = syncInput(draft);
    void start({ sourceId, databaseId, type, query, destinationIds, changeTracking, ...(syncId ? { syncId } : {}) });
  };
  return (
    <section className="stack" data-testid="wizard-dry-run" style={{ borderTop: "1px solid var(--line)", paddingTop: "1rem" }}>
      <div className="row">
        <strong>Dry run</strong>
        <span className="muted small">
          {syncId
            ? "See what the next run would send with these settings, before you save them."
            : "See what the first run would send, before you enable the sync: {{last_sync_time}} is 0 and, with change tracking, every row is new."}
        </span>
        <span className="spacer" />
        {state.status === "running" ? (
          <button type="button" className="button secondary" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="button" className="button secondary" onClick={run}>
            Dry run
          </button>
        )}
      </div>
      {state.status !== "idle" || state.counts ? (
        <DryRunPanel state={state} note={syncId ? undefined : "The calls' messageIds change once the sync is saved: they derive from its id."} />
      ) : null}
    </section>
  );
}
