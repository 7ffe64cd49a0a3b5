"use client";

import { useState } from "react";
import { deleteDestinationAction, testDestinationAction } from "@/app/(dashboard)/destinations/actions";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";

/** Send test call and Delete, with the outcome shown next to them. */
export function DestinationRowActions({ id, name, admin, showDelete = true }: { id: string; name: string; admin: boolean; showDelete?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function test() {
    setBusy(true);
    setResult(null);
    const outcome = await testDestinationAction(id);
    setBusy(false);
    setResult(outcome.ok ? { ok: true, text: `Test call sent (messageId ${outcome.data.messageId}).` } : { ok: false, text: outcome.error });
  }

  return (
    <div className="stack" style={{ gap: ".3rem", alignItems: "flex-end" }}>
      <div className="actions">
        <button type="button" className="button secondary small" onClick={test} disabled={busy}>
          {busy ? "Sending…" : "Send test call"}
        </button>
        {admin && showDelete && (
          <ConfirmActionButton
            label="Delete"
            question={`Delete the destination "${name}"? Syncs stop sending to it.`}
            run={() => deleteDestinationAction(id)}
            goTo="/destinations"
            small
          />
        )}
      </div>
      {result && (
        <span className={result.ok ? "small" : "field-error"} style={{ maxWidth: 420, textAlign: "right", ...(result.ok ? { color: "var(--ok)" } : {}) }} role="status">
          {result.text}
        </span>
      )}
    </div>
  );
}
