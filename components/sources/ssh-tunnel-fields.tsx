"use client";

import { useState } from "react";
import { generateTunnelKeyAction } from "@/app/(dashboard)/sources/actions";
import { Field } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";

export type TTunnelState = { enabled: boolean; host: string; port: string; user: string; publicKey: string; sealedKey: string };

type Props = { value: TTunnelState; onChange: (value: TTunnelState) => void; errors: FieldErrors; hasStoredKey: boolean };

/** The SSH tunnel part of the database form: where the bastion is, and the key it should trust. */
export function SshTunnelFields({ value, onChange, errors, hasStoredKey }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const set = (patch: Partial<TTunnelState>) => onChange({ ...value, ...patch });
  const err = (key: string) => errors[`config.sshTunnel.${key}`];

  async function generate() {
    setBusy(true);
    const result = await generateTunnelKeyAction();
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    set({ publicKey: result.data.publicKey, sealedKey: result.data.sealedKey });
  }

  return (
    <fieldset className="section stack">
      <legend>SSH tunnel</legend>
      <label className="check">
        <input type="checkbox" checked={value.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        <span>
          Connect through an SSH tunnel
          <span className="field-hint" style={{ display: "block" }}>
            Tidewater connects to your SSH server first and reaches the database from there.
          </span>
        </span>
      </label>
      {value.enabled && (
        <>
          <div className="grid-3">
            <Field label="SSH host" name="ssh-host" value={value.host} onChange={(e) => set({ host: e.target.value })} errors={err("host")} />
            <Field label="SSH port" name="ssh-port" type="number" value={value.port} onChange={(e) => set({ port: e.target.value })} errors={err("port")} />
            <Field label="SSH user" name="ssh-user" value={value.user} onChange={(e) => set({ user: e.target.value })} errors={err("user")} />
          </div>
          <div className="stack" style={{ gap: ".4rem" }}>
            <div className="row">
              <button type="button" className="button secondary" onClick={generate} disabled={busy}>
                {busy ? "Generating…" : "Generate public key"}
              </button>
              <span className="muted small">
                {value.sealedKey
                  ? "New key: add it to the SSH server's authorized_keys, then Save database."
                  : hasStoredKey
                    ? "The saved key stays in use until you generate a new one."
                    : "Generate a key and add it to the SSH server's authorized_keys."}
              </span>
            </div>
            {value.publicKey && (
              <div className="copy-box">
                <code data-testid="ssh-public-key">{value.publicKey}</code>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={async () => {
                    await navigator.clipboard?.writeText(value.publicKey).catch(() => {});
                    setCopied(true);
                  }}
                >
                  {copied ? "Copied" : "Copy"}
                </button>
              </div>
            )}
            {err("privateKeys")?.map((message) => (
              <span key={message} className="field-error" role="alert">
                {message}
              </span>
            ))}
            {error && <span className="field-error">{error}</span>}
          </div>
        </>
      )}
    </fieldset>
  );
}
