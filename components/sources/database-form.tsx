"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createDatabaseAction, updateDatabaseAction } from "@/app/(dashboard)/sources/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { KeyField, keyInput } from "@/components/ui/key-field";
import type { FieldErrors } from "@/lib/errors";
import { configLabels, errorNamingFields } from "@/lib/forms/error-naming-fields";
import type { TDatabaseForm, TFormField } from "@/lib/sources/describe-database-form";
import type { TDatabaseWarning } from "@/lib/sources/verify-database-config";
import { SshTunnelFields, type TTunnelState } from "./ssh-tunnel-fields";
import { WriteAccessWarning } from "./write-access-warning";

type Existing = {
  id: string;
  key?: string | null;
  name: string;
  config: Record<string, unknown>;
  secretsSet: string[];
  sshTunnel: { host: string; port: number; user: string; publicKey: string | null } | null;
};

type Props = { sourceId: string; form: TDatabaseForm; existing?: Existing };

type Values = Record<string, string | boolean>;

const TUNNEL_LABELS = { "config.sshTunnel.host": "SSH host", "config.sshTunnel.port": "SSH port", "config.sshTunnel.user": "SSH user", "config.sshTunnel.privateKeys": "SSH key" };

function initialValues(form: TDatabaseForm, existing?: Existing): Values {
  const values: Values = {};
  for (const field of form.fields) {
    const stored = field.secret ? undefined : existing?.config[field.key];
    const value = stored ?? field.defaultValue ?? (field.kind === "checkbox" ? false : field.kind === "select" ? field.options?.[0] ?? "" : "");
    values[field.key] = field.kind === "checkbox" ? Boolean(value) : String(value);
  }
  return values;
}

/** "Save database": fields come from the connector's schema; the server tests the connection before saving. */
export function DatabaseForm({ sourceId, form, existing }: Props) {
  const router = useRouter();
  const [name, setName] = useState(existing?.name ?? "");
  const [key, setKey] = useState(existing?.key ?? "");
  const [values, setValues] = useState<Values>(() => initialValues(form, existing));
  const [tunnel, setTunnel] = useState<TTunnelState>({
    enabled: Boolean(existing?.sshTunnel),
    host: existing?.sshTunnel?.host ?? "",
    port: String(existing?.sshTunnel?.port ?? 22),
    user: existing?.sshTunnel?.user ?? "",
    publicKey: existing?.sshTunnel?.publicKey ?? "",
    sealedKey: "",
  });
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  // Saved with warnings: they stay on screen until the person goes on.
  const [warnings, setWarnings] = useState<TDatabaseWarning[]>([]);
  const next = existing ? `/sources/${sourceId}?tab=databases` : `/sources/${sourceId}/syncs/new`;

  function configOf(): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const field of form.fields) {
      const value = values[field.key];
      if (field.kind === "checkbox") config[field.key] = value === true;
      else if (value === "") {
        if (!field.secret && field.required) config[field.key] = "";
      } else config[field.key] = field.kind === "number" ? Number(value) : value;
    }
    if (form.sshTunnel) {
      config.sshTunnel = tunnel.enabled
        ? { host: tunnel.host, port: tunnel.port === "" ? undefined : Number(tunnel.port), user: tunnel.user, sealedKey: tunnel.sealedKey || undefined, publicKey: tunnel.publicKey || undefined }
        : null;
      if (!existing && !tunnel.enabled) delete config.sshTunnel;
    }
    return config;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setWarnings([]);
    const input = { name, key: keyInput(key), config: configOf() };
    const result = existing ? await updateDatabaseAction(existing.id, input) : await createDatabaseAction(sourceId, input);
    setBusy(false);
    if (!result.ok) {
      setError(errorNamingFields(result.error, result.fields ?? {}, { name: "Name", key: "Key", ...configLabels(form.fields), ...TUNNEL_LABELS }));
      setFields(result.fields ?? {});
      return;
    }
    if (result.data.warnings.length > 0) {
      setWarnings(result.data.warnings);
      return;
    }
    goOn();
  }

  function goOn() {
    router.push(next);
    router.refresh();
  }

  const input = (field: TFormField) => {
    const errors = fields[`config.${field.key}`];
    const set = (value: string | boolean) => setValues((previous) => ({ ...previous, [field.key]: value }));
    const isSet = field.secret && existing?.secretsSet.includes(field.key);
    const hint = isSet ? <span className="secret-set">•••• set — leave empty to keep it</span> : field.hint;
    if (field.kind === "checkbox") {
      return (
        <label className="check" key={field.key}>
          <input type="checkbox" name={field.key} checked={values[field.key] === true} onChange={(e) => set(e.target.checked)} />
          <span>{field.label === "SSL" ? "Use SSL" : field.label}</span>
        </label>
      );
    }
    if (field.kind === "select") {
      return (
        <label className="field" key={field.key}>
          <span className="field-label">{field.label}</span>
          <select name={field.key} value={String(values[field.key])} onChange={(e) => set(e.target.value)}>
            {field.options?.map((option) => <option key={option}>{option}</option>)}
          </select>
        </label>
      );
    }
    if (field.kind === "textarea") {
      return (
        <label className="field" key={field.key} style={{ gridColumn: "1 / -1" }}>
          <span className="field-label">{field.label}</span>
          <textarea name={field.key} rows={6} value={String(values[field.key])} onChange={(e) => set(e.target.value)} placeholder={isSet ? "•••• set" : undefined} aria-invalid={errors ? true : undefined} />
          {hint && <span className="field-hint">{hint}</span>}
          {errors?.map((message) => <span key={message} className="field-error" role="alert">{message}</span>)}
        </label>
      );
    }
    return (
      <Field
        key={field.key}
        label={field.label}
        name={field.key}
        type={field.kind === "password" ? "password" : field.kind === "number" ? "number" : "text"}
        value={String(values[field.key])}
        onChange={(e) => set(e.target.value)}
        placeholder={isSet ? "•••• set" : undefined}
        autoComplete={field.secret ? "new-password" : "off"}
        errors={errors}
        hint={hint}
      />
    );
  };

  if (warnings.length > 0) {
    return (
      <div className="panel stack form-narrow">
        <FormMessage ok="Database saved: the connection works." />
        {warnings.map((warning) => <WriteAccessWarning key={warning.code} warning={warning} />)}
        <div className="actions">
          <button className="button" type="button" onClick={goOn}>
            {existing ? "Back to databases" : "Next: Create Sync"}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="panel stack form-narrow" onSubmit={submit} noValidate>
      <FormMessage error={error} />
      <Field label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} errors={fields.name} placeholder="Production replica" />
      <KeyField value={key} onChange={setKey} errors={fields.key} placeholder="analytics" />
      <div className="grid-2">{form.fields.filter((field) => field.kind !== "checkbox").map(input)}</div>
      {form.fields.filter((field) => field.kind === "checkbox").map(input)}
      {form.sshTunnel && <SshTunnelFields value={tunnel} onChange={setTunnel} errors={fields} hasStoredKey={Boolean(existing?.sshTunnel)} />}
      <div className="actions">
        <button className="button" type="submit" disabled={busy}>
          {busy ? "Testing connection…" : "Save database"}
        </button>
        <span className="muted small">We test the connection before saving.</span>
      </div>
    </form>
  );
}
