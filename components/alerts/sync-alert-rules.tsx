"use client";

import { useState } from "react";
import { AlertRulesEditor } from "@/components/alerts/alert-rules-editor";
import { FormMessage } from "@/components/ui/form-message";
import type { TSyncAlerts } from "@/lib/alerts/alert-settings";
import type { TAlertRuleName, TAlertRules, TSyncAlertRules } from "@/lib/alerts/schemas";
import { sendJson, type TSendError } from "@/lib/hooks/send-json";

/** A sync's own alert rules: each rule follows the workspace (Settings → Alerts) or is set here. */
export function SyncAlertRules({ syncId, initial }: { syncId: string; initial: TSyncAlerts }) {
  const [overrides, setOverrides] = useState<TSyncAlertRules>(initial.overrides);
  const [result, setResult] = useState<{ ok?: string; error?: TSendError } | null>(null);

  async function save() {
    const body = Object.fromEntries((Object.keys(initial.workspace) as TAlertRuleName[]).map((name) => [name, overrides[name] ?? null]));
    const { error } = await sendJson("PATCH", `/api/v1/syncs/${syncId}/alert-rules`, body);
    setResult(error ? { error } : { ok: "Alert rules saved." });
  }

  return (
    <section className="panel" data-testid="sync-alert-rules">
      <h2>Alerts</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        Rules left on <em>Workspace default</em> follow Settings → Alerts.
      </p>
      <FormMessage error={result?.error?.message} ok={result?.ok} />
      <AlertRulesEditor
        value={overrides as Partial<Record<TAlertRuleName, TAlertRules[TAlertRuleName]>>}
        inherited={initial.workspace}
        errors={result?.error?.fields}
        onChange={(name, rule) => setOverrides({ ...overrides, [name]: rule })}
      />
      <div style={{ marginTop: "0.75rem" }}>
        <button className="button" type="button" onClick={save}>
          Save alert rules
        </button>
      </div>
    </section>
  );
}
