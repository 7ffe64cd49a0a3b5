"use client";

import { Field } from "@/components/ui/field";

export type THeader = { name: string; value: string };

/** Name/value rows for a webhook's headers (write-only once saved). */
export function HeaderFields({ headers, onChange, isSet, errors }: { headers: THeader[]; onChange: (headers: THeader[]) => void; isSet: boolean; errors: string[] }) {
  const update = (index: number, patch: Partial<THeader>) => onChange(headers.map((header, i) => (i === index ? { ...header, ...patch } : header)));
  return (
    <fieldset className="section stack">
      <legend>Headers</legend>
      {isSet && <span className="secret-set">•••• set — add headers here to replace them all, or leave empty to keep them</span>}
      {headers.map((header, index) => (
        <div className="header-row" key={index}>
          <Field label="Header name" name={`header-${index}`} value={header.name} onChange={(e) => update(index, { name: e.target.value })} placeholder="Authorization" />
          <Field label="Header value" name={`header-value-${index}`} type="password" autoComplete="new-password" value={header.value} onChange={(e) => update(index, { value: e.target.value })} />
          <button type="button" className="button secondary small" onClick={() => onChange(headers.filter((_, i) => i !== index))}>
            Remove
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button secondary small" onClick={() => onChange([...headers, { name: "", value: "" }])}>
          Add header
        </button>
      </div>
      {errors.map((message) => (
        <span key={message} className="field-error" role="alert">
          {message}
        </span>
      ))}
    </fieldset>
  );
}
