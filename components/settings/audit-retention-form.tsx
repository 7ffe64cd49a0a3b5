"use client";

import { useState } from "react";
import { auditRetentionAction } from "@/app/(dashboard)/settings/actions";
import { FormActionsSubmit } from "@/components/ui/form-actions-submit";
import { FormMessage } from "@/components/ui/form-message";
import { useSettingForm } from "./use-setting-form";

export function AuditRetentionForm({ days }: { days: number }) {
  const [value, setValue] = useState(String(days));
  const { error, busy, submit, ok } = useSettingForm(() => auditRetentionAction(Number(value)));

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <FormMessage error={error} ok={ok} />
      <label className="field">
        <span>Keep entries for (days)</span>
        <input name="auditRetentionDays" type="number" min={1} max={3650} value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <FormActionsSubmit busy={busy} />
    </form>
  );
}
