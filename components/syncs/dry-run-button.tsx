"use client";

import { useState } from "react";
import { DryRunPanel } from "@/components/runs/dry-run-panel";
import { useDryRun } from "@/lib/hooks/use-dry-run";

/** The sync page's Dry run: what a run would send now, with the sync's saved settings, sent nowhere. */
export function DryRunButton({ syncId }: { syncId: string }) {
  const [open, setOpen] = useState(false);
  const { state, start, stop } = useDryRun(`/api/v1/syncs/${encodeURIComponent(syncId)}/dry-runs`);
  return (
    <>
      <button
        type="button"
        className="button secondary"
        onClick={() => {
          setOpen(true);
          void start();
        }}
        disabled={state.status === "running"}
      >
        {state.status === "running" ? "Dry run going…" : "Dry run"}
      </button>
      {open && (
        <div className="dry-run-overlay" role="dialog" aria-label="Dry run">
          <div className="panel dry-run-dialog">
            <div className="row">
              <h2 style={{ margin: 0 }}>Dry run</h2>
              <span className="spacer" />
              {state.status === "running" && (
                <button type="button" className="button secondary" onClick={stop}>
                  Stop
                </button>
              )}
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  stop();
                  setOpen(false);
                }}
              >
                Close
              </button>
            </div>
            <DryRunPanel state={state} note="With the sync's saved settings: save your changes first to dry-run them." />
          </div>
        </div>
      )}
    </>
  );
}
