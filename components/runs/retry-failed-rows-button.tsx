"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { retryFailedRowsAction } from "@/app/(dashboard)/runs/actions";
import { ActionWithError } from "@/components/ui/action-with-error";

/** Retry failed rows: starts a run of only this run's rows still waiting, then opens that run. */
export function RetryFailedRowsButton({ runId, waiting }: { runId: string; waiting: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function click() {
    setBusy(true);
    setError(null);
    const outcome = await retryFailedRowsAction(runId);
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    router.push(`/runs/${outcome.data.id}`);
  }

  return (
    <ActionWithError error={error}>
      <button type="button" className="button" onClick={click} disabled={busy} title={`Send the ${waiting.toLocaleString("en-US")} refused or undelivered rows of this run again now`}>
        {busy ? "Starting…" : "Retry failed rows"}
      </button>
    </ActionWithError>
  );
}
