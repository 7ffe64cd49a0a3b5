"use client";

import { useQueryClient } from "@tanstack/react-query";
import { cancelRunAction } from "@/app/(dashboard)/runs/actions";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { queryKeys } from "@/lib/query-keys";

type Props = {
  run: { id: string; status: string; cancelRequestedAt?: string | Date | null };
  syncName: string;
  /** The source whose Syncs and Imports lists show the run, refreshed once it is cancelled. */
  sourceId?: string;
};

/** Cancel run, for a queued or running run; once asked, "Cancelling…" until the run has stopped. */
export function CancelRunButton({ run, syncName, sourceId }: Props) {
  const client = useQueryClient();
  if (run.status === "running" && run.cancelRequestedAt) {
    return (
      <button type="button" className="button secondary small danger" disabled>
        Cancelling…
      </button>
    );
  }
  const refreshLists = async () => {
    if (!sourceId) return;
    await client.invalidateQueries({ queryKey: queryKeys.sourceRuns(sourceId) });
    await client.invalidateQueries({ queryKey: queryKeys.sourceSyncs(sourceId) });
  };
  return (
    <ConfirmActionButton
      small
      label="Cancel run"
      question={`Cancel this run of "${syncName}"? Batches already sent stay sent, and the next run starts from the last successful one.`}
      run={() => cancelRunAction(run.id)}
      onDone={refreshLists}
    />
  );
}
