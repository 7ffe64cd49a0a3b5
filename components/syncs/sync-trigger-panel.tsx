"use client";

import { useState } from "react";
import { CopyBox } from "@/components/ui/copy-box";
import { FormMessage } from "@/components/ui/form-message";
import { sendJson, type TSendError } from "@/lib/hooks/send-json";

type TTriggerState = { exists: boolean; createdAt: string | null; dbtSecretSet: boolean };
type TCreated = { url: string; dbtCloudUrl: string; createdAt: string; rotated: boolean };

/**
 * Trigger URL: a secret address that runs this sync from dbt Cloud, Airflow, Dagster or curl. The URL
 * is shown once, when it is made or rotated; the server keeps only its hash.
 */
export function SyncTriggerPanel({ syncId, initial, canManage }: { syncId: string; initial: TTriggerState; canManage: boolean }) {
  const [state, setState] = useState(initial);
  const [created, setCreated] = useState<TCreated | null>(null);
  const [dbtSecret, setDbtSecret] = useState("");
  const [result, setResult] = useState<{ ok?: string; error?: TSendError } | null>(null);
  const url = `/api/v1/syncs/${syncId}/trigger`;

  async function create() {
    if (state.exists && !window.confirm("Rotate the trigger URL? The current URL stops working at once; update dbt Cloud or your orchestrator with the new one.")) return;
    const { data, error } = await sendJson<TCreated>("POST", url);
    if (error || !data) return setResult({ error });
    setCreated(data);
    setState({ ...state, exists: true, createdAt: data.createdAt });
    setResult({ ok: data.rotated ? "Trigger URL rotated: the old URL no longer works." : "Trigger URL created." });
  }

  async function revoke() {
    if (!window.confirm("Revoke the trigger URL? Calls of it are refused from now on.")) return;
    const { error } = await sendJson("DELETE", url);
    if (error) return setResult({ error });
    setCreated(null);
    setState({ ...state, exists: false, createdAt: null });
    setResult({ ok: "Trigger URL revoked." });
  }

  async function saveDbtSecret(value: string | null) {
    const { data, error } = await sendJson<TTriggerState>("PATCH", url, { dbtSecret: value });
    if (error || !data) return setResult({ error });
    setState(data);
    setDbtSecret("");
    setResult({ ok: value === null ? "dbt Cloud secret removed." : "dbt Cloud secret saved." });
  }

  return (
    <section className="panel stack" data-testid="sync-trigger">
      <h2 style={{ margin: 0 }}>Trigger URL</h2>
      <p className="muted" style={{ margin: 0 }}>
        Run this sync when your pipeline is ready: a POST to the trigger URL from Airflow, Dagster, a script or curl starts a run, and dbt Cloud can call
        its own endpoint when a job run succeeds. A run that comes while one is going is skipped, as a scheduled one would be. The URL is a secret: whoever has it
        can start this sync.
      </p>
      <FormMessage error={result?.error?.message} ok={result?.ok} />

      {created && (
        <div className="stack" data-testid="new-trigger-url">
          <p className="form-warning" role="note">
            Copy the URL now: it is not shown again. Tidewater keeps only a hash of it; if it is lost, rotate it.
          </p>
          <CopyBox label="Trigger URL (any orchestrator: POST to it)" value={created.url} testId="trigger-url" />
          <CopyBox label="dbt Cloud endpoint URL (a webhook on Run completed)" value={created.dbtCloudUrl} testId="trigger-dbt-url" />
        </div>
      )}

      <p style={{ margin: 0 }} data-testid="trigger-state">
        {state.exists ? (
          <>
            A trigger URL exists, made <time dateTime={state.createdAt ?? undefined}>{state.createdAt ? new Date(state.createdAt).toLocaleString() : ""}</time>.
            {!created && " It is not shown again: rotate it for a new one."}
          </>
        ) : (
          "This sync has no trigger URL."
        )}
      </p>

      {canManage ? (
        <div className="actions">
          <button type="button" className={state.exists ? "button secondary" : "button"} onClick={create}>
            {state.exists ? "Rotate" : "Create trigger URL"}
          </button>
          {state.exists && (
            <button type="button" className="button secondary danger" onClick={revoke}>
              Revoke
            </button>
          )}
        </div>
      ) : (
        <p className="muted small" style={{ margin: 0 }}>
          Only admins can create, rotate or revoke the trigger URL and set the dbt Cloud secret.
        </p>
      )}

      <div className="field">
        <label className="field-label" htmlFor="dbt-secret">
          dbt Cloud secret {state.dbtSecretSet && <span className="secret-set">•••• set</span>}
        </label>
        <span className="muted small">
          In dbt Cloud&apos;s account settings, open Webhooks and create one for the event Run completed of your job, with the dbt Cloud endpoint URL as its
          endpoint. dbt Cloud then shows the webhook&apos;s secret token: save it here, so Tidewater can check each call&apos;s signature. Only a job run that
          succeeded runs this sync.
        </span>
        {canManage && (
          <div className="row">
            <input
              id="dbt-secret"
              type="password"
              autoComplete="off"
              style={{ flex: "1 1 18rem" }}
              value={dbtSecret}
              placeholder={state.dbtSecretSet ? "Paste a new secret to replace it" : "The webhook's secret token"}
              aria-invalid={result?.error?.fields?.dbtSecret ? true : undefined}
              onChange={(event) => setDbtSecret(event.target.value)}
            />
            <button type="button" className="button secondary" onClick={() => saveDbtSecret(dbtSecret)}>
              Save dbt Cloud secret
            </button>
            {state.dbtSecretSet && (
              <button type="button" className="button secondary danger" onClick={() => saveDbtSecret(null)}>
                Remove
              </button>
            )}
          </div>
        )}
        {result?.error?.fields?.dbtSecret && <span className="field-error">{result.error.fields.dbtSecret[0]}</span>}
      </div>
    </section>
  );
}
