"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createDestinationAction, updateDestinationAction } from "@/app/(dashboard)/destinations/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { FieldErrors } from "@/lib/errors";

type Kind = { kind: string; displayName: string; description: string };
type Existing = { id: string; name: string; kind: string; config: Record<string, unknown>; secretsSet: string[] };
type Header = { name: string; value: string };

/** Add or edit a destination; secrets (write key, headers) are write-only. */
export function DestinationForm({ kinds, existing }: { kinds: Kind[]; existing?: Existing }) {
  const router = useRouter();
  const [kind, setKind] = useState(existing?.kind ?? kinds[0].kind);
  const [name, setName] = useState(existing?.name ?? "");
  const [url, setUrl] = useState(typeof existing?.config.url === "string" ? existing.config.url : "");
  const [writeKey, setWriteKey] = useState("");
  const [headers, setHeaders] = useState<Header[]>(existing?.secretsSet.includes("headers") ? [] : [{ name: "", value: "" }]);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const isSet = (key: string) => existing?.secretsSet.includes(key);

  function config(): Record<string, unknown> {
    if (kind === "http-batch") return { url, ...(writeKey || !existing ? { writeKey } : {}) };
    if (kind === "webhook") {
      const filled = headers.filter((header) => header.name.trim());
      return { url, ...(filled.length || !isSet("headers") ? { headers: Object.fromEntries(filled.map((h) => [h.name.trim(), h.value])) } : {}) };
    }
    return {};
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = existing ? await updateDestinationAction(existing.id, { name, config: config() }) : await createDestinationAction({ name, kind, config: config() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setFields(result.fields ?? {});
      return;
    }
    router.push(`/destinations/${result.data.id}`);
    router.refresh();
  }

  const headerErrors = Object.entries(fields).filter(([key]) => key.startsWith("config.headers")).flatMap(([, value]) => value);
  return (
    <form className="panel stack form-narrow" onSubmit={submit} noValidate>
      <FormMessage error={error} />
      {!existing && (
        <div className="field">
          <span className="field-label">Kind</span>
          <div className="kind-grid" role="radiogroup" aria-label="Kind">
            {kinds.map((item) => (
              <button key={item.kind} type="button" role="radio" aria-checked={kind === item.kind} className={`kind-card${kind === item.kind ? " selected" : ""}`} onClick={() => setKind(item.kind)}>
                <strong>{item.displayName}</strong>
                <span className="muted small">{item.description}</span>
              </button>
            ))}
          </div>
        </div>
      )}
      <Field label="Destination name" name="name" value={name} onChange={(e) => setName(e.target.value)} errors={fields.name} placeholder="Customer.io workspace" />
      {kind !== "inbox" && <Field label="URL" name="url" value={url} onChange={(e) => setUrl(e.target.value)} errors={fields["config.url"]} placeholder={kind === "http-batch" ? "https://cdp.customer.io" : "https://example.com/hooks/tidewater"} hint={kind === "http-batch" ? "The base URL: calls go to {url}/v1/batch." : undefined} />}
      {kind === "http-batch" && (
        <Field
          label="Write key"
          name="writeKey"
          type="password"
          autoComplete="new-password"
          value={writeKey}
          onChange={(e) => setWriteKey(e.target.value)}
          errors={fields["config.writeKey"]}
          placeholder={isSet("writeKey") ? "•••• set" : undefined}
          hint={isSet("writeKey") ? <span className="secret-set">•••• set — leave empty to keep it</span> : "The API key of the source at the destination."}
        />
      )}
      {kind === "webhook" && (
        <fieldset className="section stack">
          <legend>Headers</legend>
          {isSet("headers") && <span className="secret-set">•••• set — add headers here to replace them all, or leave empty to keep them</span>}
          {headers.map((header, index) => (
            <div className="header-row" key={index}>
              <Field label="Header name" name={`header-${index}`} value={header.name} onChange={(e) => setHeaders(headers.map((h, i) => (i === index ? { ...h, name: e.target.value } : h)))} placeholder="Authorization" />
              <Field label="Header value" name={`header-value-${index}`} type="password" autoComplete="new-password" value={header.value} onChange={(e) => setHeaders(headers.map((h, i) => (i === index ? { ...h, value: e.target.value } : h)))} />
              <button type="button" className="button secondary small" onClick={() => setHeaders(headers.filter((_, i) => i !== index))}>
                Remove
              </button>
            </div>
          ))}
          <div>
            <button type="button" className="button secondary small" onClick={() => setHeaders([...headers, { name: "", value: "" }])}>
              Add header
            </button>
          </div>
          {headerErrors.map((message) => <span key={message} className="field-error" role="alert">{message}</span>)}
        </fieldset>
      )}
      {kind === "inbox" && <p className="muted">The inbox keeps what it receives inside Tidewater: open the destination to see the calls.</p>}
      <div className="actions">
        <button className="button" type="submit" disabled={busy}>
          {busy ? "Saving…" : existing ? "Save destination" : "Add destination"}
        </button>
      </div>
    </form>
  );
}
