"use client";

import { useState } from "react";
import { resetSyncSnapshotAction } from "@/app/(dashboard)/syncs/actions";

/** Reset: forgets what change tracking has sent, so the next run sends every row again. */
export function ResetTrackingButton({ syncId }: { syncId: string }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function reset() {
    if (!window.confirm("Forget what this sync has sent? Its next run sends every row again.")) return;
    const result = await resetSyncSnapshotAction(syncId);
    setMessage(result.ok ? { ok: true, text: "Change tracking was reset: the next run sends every row." } : { ok: false, text: result.error });
  }
  return (
    <span className="row">
      {message && (
        <span role="status" className={message.ok ? "muted small" : "field-error"}>
          {message.text}
        </span>
      )}
      <button type="button" className="button secondary" onClick={reset}>
        Reset change tracking
      </button>
    </span>
  );
}
