"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { TPublicAlertChannel } from "@/lib/alerts/alert-channels";
import { sendJson, type TSendError } from "@/lib/hooks/send-json";

type Kind = "email" | "slack" | "webhook";

/** The alert channels: each with *Send test alert*, and a form to add one. */
export function AlertChannels({ channels }: { channels: TPublicAlertChannel[] }) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>("email");
  const [name, setName] = useState("");
  const [target, setTarget] = useState("");
  const [secret, setSecret] = useState("");
  const [error, setError] = useState<TSendError | null>(null);
  const [tested, setTested] = useState<Record<string, string>>({});

  async function add(event: FormEvent) {
    event.preventDefault();
    const config =
      kind === "email" ? { kind, to: target.split(/[,\s]+/).filter(Boolean) } : kind === "slack" ? { kind, url: target } : { kind, url: target, signingSecret: secret || undefined };
    const result = await sendJson("POST", "/api/v1/alerts/channels", { name, config });
    setError(result.error ?? null);
    if (result.error) return;
    setName("");
    setTarget("");
    setSecret("");
    router.refresh();
  }

  async function test(id: string) {
    setTested({ ...tested, [id]: "Sending…" });
    const { data, error: failed } = await sendJson<{ status: string; error: string | null }>("POST", `/api/v1/alerts/channels/${id}/test`);
    setTested({ ...tested, [id]: failed ? failed.message : data?.status === "sent" ? "Test alert sent." : `Not sent: ${data?.error}` });
  }

  async function remove(id: string) {
    await sendJson("DELETE", `/api/v1/alerts/channels/${id}`);
    router.refresh();
  }

  const fieldError = (key: string) => error?.fields[key];
  return (
    <div className="stack" style={{ marginTop: "1.5rem" }}>
      <h3>Channels</h3>
      {channels.length === 0 ? (
        <p className="muted">No channel yet: alerts are only kept in the history.</p>
      ) : (
        <table data-testid="alert-channels">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Sends to</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {channels.map((channel) => (
              <tr key={channel.id} data-channel={channel.name}>
                <td>{channel.name}</td>
                <td>{channel.kind === "slack" ? "Slack" : channel.kind === "email" ? "Email" : "Webhook"}</td>
                <td className="small">
                  {channel.kind === "email" ? (channel.config.to as string[]).join(", ") : channel.kind === "slack" ? "Incoming webhook •••• set" : `${String(channel.config.url)} (signing secret •••• set)`}
                </td>
                <td>
                  <button type="button" className="button small secondary" onClick={() => test(channel.id)}>
                    Send test alert
                  </button>{" "}
                  <button type="button" className="button small secondary danger" onClick={() => remove(channel.id)}>
                    Delete
                  </button>
                  {tested[channel.id] && (
                    <span role="status" className="small" style={{ marginLeft: 8 }}>
                      {tested[channel.id]}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="stack" onSubmit={add} noValidate>
        <FormMessage error={error?.message} />
        <div className="row" style={{ alignItems: "flex-start", flexWrap: "wrap" }}>
          <label className="field">
            <span className="field-label">Kind</span>
            <select name="channelKind" aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="email">Email</option>
              <option value="slack">Slack (incoming webhook)</option>
              <option value="webhook">Webhook (signed)</option>
            </select>
          </label>
          <Field label="Channel name" name="channelName" value={name} onChange={(e) => setName(e.target.value)} errors={fieldError("name")} placeholder="Data team" />
          <Field
            label={kind === "email" ? "Email addresses" : kind === "slack" ? "Incoming-webhook URL" : "Webhook URL"}
            name="channelTarget"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            errors={kind === "email" ? Object.entries(error?.fields ?? {}).filter(([key]) => key.startsWith("config.to")).flatMap(([, list]) => list) : fieldError("config.url")}
            placeholder={kind === "email" ? "data@example.com, oncall@example.com" : "https://"}
          />
          {kind === "webhook" && (
            <Field label="Signing secret" name="channelSecret" type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} errors={fieldError("config.signingSecret")} hint="At least 16 characters; see the README for verifying the signature" />
          )}
        </div>
        <div>
          <button className="button" type="submit">Add channel</button>
        </div>
      </form>
    </div>
  );
}
