"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertRulesEditor } from "@/components/alerts/alert-rules-editor";
import { AlertChannels } from "@/components/settings/alert-channels";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { TPublicAlertChannel } from "@/lib/alerts/alert-channels";
import type { TWorkspaceAlerts } from "@/lib/alerts/alert-settings";
import type { TAlertRules } from "@/lib/alerts/schemas";
import { sendJson, type TSendError } from "@/lib/hooks/send-json";

/** Settings → Alerts: the workspace's rules, the SMTP server for email alerts, and the channels. */
export function AlertsSettings({ settings, channels }: { settings: TWorkspaceAlerts; channels: TPublicAlertChannel[] }) {
  const router = useRouter();
  const [rules, setRules] = useState<TAlertRules>(settings.rules);
  const [smtp, setSmtp] = useState({ host: "", port: 587, secure: false, user: "", from: "", ...settings.smtp, password: "" });
  const [result, setResult] = useState<{ ok?: string; error?: TSendError; part: string } | null>(null);

  async function save(part: "rules" | "smtp", event: FormEvent) {
    event.preventDefault();
    const { passwordSet: _set, ...plain } = smtp as typeof smtp & { passwordSet?: boolean };
    const body = part === "rules" ? { rules } : { smtp: { ...plain, port: Number(plain.port), password: plain.password || undefined } };
    const { error } = await sendJson("PATCH", "/api/v1/alerts/settings", body);
    setResult(error ? { error, part } : { ok: part === "rules" ? "Alert rules saved." : "SMTP server saved.", part });
    if (!error) {
      setSmtp((current) => ({ ...current, password: "" }));
      router.refresh();
    }
  }

  const message = (part: string) => (result?.part === part ? <FormMessage error={result.error?.message} ok={result.ok} /> : null);
  const field = (name: string) => (result?.part === "smtp" ? result.error?.fields[`smtp.${name}`] : undefined);

  return (
    <section className="panel" id="alerts" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alerts</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        One message when a sync starts failing and one when it recovers, never one per run. A sync's page can override these rules.
      </p>
      <form className="stack" onSubmit={(event) => save("rules", event)} noValidate>
        <h3>Workspace rules</h3>
        {message("rules")}
        <AlertRulesEditor value={rules} onChange={(name, rule) => rule && setRules({ ...rules, [name]: rule })} errors={result?.part === "rules" ? result.error?.fields : undefined} />
        <div>
          <button className="button" type="submit">Save alert rules</button>
        </div>
      </form>
      <form className="stack" onSubmit={(event) => save("smtp", event)} noValidate style={{ marginTop: "1.5rem" }}>
        <h3>Email (SMTP server)</h3>
        {message("smtp")}
        <div className="row" style={{ alignItems: "flex-start", flexWrap: "wrap" }}>
          <Field label="SMTP host" name="smtpHost" value={smtp.host} onChange={(e) => setSmtp({ ...smtp, host: e.target.value })} errors={field("host")} placeholder="smtp.example.com" />
          <Field label="Port" name="smtpPort" type="number" value={String(smtp.port)} onChange={(e) => setSmtp({ ...smtp, port: Number(e.target.value) })} errors={field("port")} />
          <Field label="User" name="smtpUser" value={smtp.user} onChange={(e) => setSmtp({ ...smtp, user: e.target.value })} errors={field("user")} autoComplete="off" />
          <Field
            label="Password"
            name="smtpPassword"
            type="password"
            autoComplete="new-password"
            value={smtp.password}
            onChange={(e) => setSmtp({ ...smtp, password: e.target.value })}
            placeholder={settings.smtp?.passwordSet ? "•••• set" : ""}
            hint={settings.smtp?.passwordSet ? "•••• set — leave empty to keep it" : undefined}
            errors={field("password")}
          />
          <Field label="From address" name="smtpFrom" value={smtp.from} onChange={(e) => setSmtp({ ...smtp, from: e.target.value })} errors={field("from")} placeholder="tidewater@example.com" />
        </div>
        <label className="row small">
          <input type="checkbox" checked={smtp.secure} onChange={(e) => setSmtp({ ...smtp, secure: e.target.checked })} /> TLS from the start (port 465); otherwise STARTTLS when offered
        </label>
        <div>
          <button className="button" type="submit">Save SMTP server</button>
        </div>
      </form>
      <AlertChannels channels={channels} />
    </section>
  );
}
