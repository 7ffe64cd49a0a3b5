"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteDestinationAction, testDestinationAction } from "@/app/(dashboard)/destinations/actions";

/** Send test call and Delete, with the outcome shown next to them. */
export function DestinationRowActions({ id, name, admin, showDelete = true }: { id: string; name: string; admin: boolean; showDelete?: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function test() {
    setBusy(true);
    setResult(null);
    const outcome = await testDestinationAction(id);
    setBusy(false);
    setResult(outcome.ok ? { ok: true, text: `Test call sent (messageId ${outcome.data.messageId}).` } : { ok: false, text: outcome.error });
  }

  async function remove() {
    if (!window.confirm(`Delete the destination "${name}"? Syncs stop sending to it.`)) return;
    setBusy(true);
    const outcome = await deleteDestinationAction(id);
    setBusy(false);
    if (!outcome.ok) return setResult({ ok: false, text: outcome.error });
    router.push("/destinations");
    router.refresh();
  }

  return (
    <div className="stack" style={{ gap: ".3rem", alignItems: "flex-end" }}>
      <div className="actions">
        <button type="button" className="button secondary small" onClick={test} disabled={busy}>
          {busy ? "Sending…" : "Send test call"}
        </button>
        {admin && showDelete && (
          <button type="button" className="button secondary small danger" onClick={remove} disabled={busy}>
            Delete
          </button>
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
