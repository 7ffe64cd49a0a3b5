"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { auditRetentionAction } from "@/app/(dashboard)/settings/actions";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

export function AuditRetentionForm({ days }: { days: number }) {
  const router = useRouter();
  const [value, setValue] = useState(String(days));
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useActionForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!(await run(() => auditRetentionAction(Number(value))))) return;
    setSaved(true);
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <FormMessage error={error} ok={saved ? "Saved." : null} />
      <label className="field">
        <span>Keep entries for (days)</span>
        <input name="auditRetentionDays" type="number" min={1} max={3650} value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <div className="actions">
        <button className="button" type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
