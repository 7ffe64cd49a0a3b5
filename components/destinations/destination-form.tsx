"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createDestinationAction, updateDestinationAction } from "@/app/(dashboard)/destinations/actions";
import { FormActionsSubmit } from "@/components/ui/form-actions-submit";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { KeyField, keyInput } from "@/components/ui/key-field";
import type { TDestinationForm } from "@/lib/destinations/describe-destination-form";
import type { FieldErrors } from "@/lib/errors";
import { PRIVATE_REFUSED } from "@/lib/http/private-refused";
import type { TFormField } from "@/lib/forms/describe-config-form";
import { configLabels, errorNamingFields } from "@/lib/forms/error-naming-fields";
import { HeaderFields, type THeader } from "./header-fields";
import { PrivateDestinationsLink } from "./private-destinations-link";

type Existing = { id: string; key?: string | null; name: string; kind: string; config: Record<string, unknown>; secretsSet: string[] };

const HINTS: Record<string, string> = {
  url: "Where the calls are POSTed.",
  endpoint: "Optional: the full batch URL of a proxy in front of the service.",
  mode: "batch: one request per batch of calls; call: one request per call.",
  signingSecret: "Optional: signs each request with HMAC-SHA256 so your endpoint can verify it.",
  concurrency: "Requests in flight at once.",
  rateLimitPerSecond: "Requests started per second (0 = no limit).",
};

const refusedAsPrivate = (message: string) => message.includes(PRIVATE_REFUSED);

const byRequired = (a: TFormField, b: TFormField) => Number(b.required) - Number(a.required);

/** Add or edit a destination; fields come from the destination's schema, secrets are write-only. */
export function DestinationForm({ forms, existing }: { forms: TDestinationForm[]; existing?: Existing }) {
  const router = useRouter();
  const [kind, setKind] = useState(existing?.kind ?? forms[0].kind);
  const [name, setName] = useState(existing?.name ?? "");
  const [key, setKey] = useState(existing?.key ?? "");
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(existing?.config ?? {}).filter(([, v]) => typeof v !== "object").map(([k, v]) => [k, String(v)])),
  );
  const [headers, setHeaders] = useState<THeader[]>(existing?.secretsSet.includes("headers") ? [] : [{ name: "", value: "" }]);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const form = forms.find((item) => item.kind === kind)!;
  const isSet = (key: string) => Boolean(existing?.secretsSet.includes(key));
  const valueOf = (field: TFormField) => values[field.key] ?? (field.defaultValue !== undefined ? String(field.defaultValue) : field.kind === "select" ? (field.options?.[0] ?? "") : "");

  function config(): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const field of [...form.fields, ...form.advanced]) {
      if (field.kind === "headers") {
        const filled = headers.filter((header) => header.name.trim());
        if (filled.length || !isSet(field.key)) config[field.key] = Object.fromEntries(filled.map((h) => [h.name.trim(), h.value]));
        continue;
      }
      const value = valueOf(field);
      if (value === "") {
        if (field.required && !(field.secret && isSet(field.key))) config[field.key] = "";
        continue;
      }
      config[field.key] = field.kind === "number" ? Number(value) : value;
    }
    return config;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = existing ? await updateDestinationAction(existing.id, { name, key: keyInput(key), config: config() }) : await createDestinationAction({ name, kind, key: keyInput(key), config: config() });
    setBusy(false);
    if (!result.ok) {
      setError(errorNamingFields(result.error, result.fields ?? {}, { name: "Name", key: "Key", ...configLabels([...form.fields, ...form.advanced]) }));
      setFields(result.fields ?? {});
      return;
    }
    router.push(`/destinations/${result.data.id}`);
    router.refresh();
  }

  const input = (field: TFormField) => {
    const errors = fields[`config.${field.key}`];
    const set = (value: string) => setValues((previous) => ({ ...previous, [field.key]: value }));
    if (field.kind === "headers") {
      const headerErrors = Object.entries(fields).filter(([key]) => key.startsWith(`config.${field.key}`)).flatMap(([, value]) => value);
      return <HeaderFields key={field.key} headers={headers} onChange={setHeaders} isSet={isSet(field.key)} errors={headerErrors} />;
    }
    if (field.kind === "select") {
      return (
        <label className="field" key={field.key}>
          <span className="field-label">{field.label}</span>
          <select name={field.key} value={valueOf(field)} onChange={(e) => set(e.target.value)}>
            {field.options?.map((option) => <option key={option}>{option}</option>)}
          </select>
          {HINTS[field.key] && <span className="field-hint">{HINTS[field.key]}</span>}
        </label>
      );
    }
    const secretSet = field.secret && isSet(field.key);
    return (
      <Field
        key={field.key}
        label={field.label}
        name={field.key}
        type={field.secret ? "password" : field.kind === "number" ? "number" : "text"}
        autoComplete={field.secret ? "new-password" : "off"}
        value={valueOf(field)}
        onChange={(e) => set(e.target.value)}
        placeholder={secretSet ? "•••• set" : undefined}
        errors={errors}
        hint={secretSet ? <span className="secret-set">•••• set — leave empty to keep it</span> : errors?.some(refusedAsPrivate) ? <PrivateDestinationsLink /> : HINTS[field.key]}
      />
    );
  };

  return (
    <form className="panel stack form-narrow" onSubmit={submit} noValidate>
      <FormMessage error={error} />
      {!existing && (
        <div className="field">
          <span className="field-label">Kind</span>
          <div className="kind-grid" role="radiogroup" aria-label="Kind">
            {forms.map((item) => (
              <button key={item.kind} type="button" role="radio" aria-checked={kind === item.kind} className={`kind-card${kind === item.kind ? " selected" : ""}`} onClick={() => setKind(item.kind)}>
                <strong>{item.displayName}</strong>
                <span className="muted small">{item.description}</span>
              </button>
            ))}
          </div>
        </div>
      )}
      <Field label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} errors={fields.name} placeholder="Customer.io workspace" />
      <KeyField value={key} onChange={setKey} errors={fields.key} placeholder="customerio" />
      {[...form.fields].sort(byRequired).map(input)}
      {form.fields.length === 0 && <p className="muted">Nothing to set up: the inbox keeps what it receives inside Tidewater. Open it to see the calls.</p>}
      {form.advanced.length > 0 && (
        <details>
          <summary className="muted">Delivery settings</summary>
          <div className="grid-2" style={{ marginTop: ".75rem" }}>
            {form.advanced.map(input)}
          </div>
        </details>
      )}
      <FormActionsSubmit busy={busy} label={existing ? "Save destination" : "Add destination"} />
    </form>
  );
}
