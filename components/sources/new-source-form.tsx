"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createSourceAction } from "@/app/(dashboard)/sources/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { KeyField, keyInput } from "@/components/ui/key-field";
import type { FieldErrors } from "@/lib/errors";
import { errorNamingFields } from "@/lib/forms/error-naming-fields";

type Kind = { kind: string; name: string; available: boolean };

const BLURB: Record<string, string> = {
  postgres: "PostgreSQL 10 or later, also Aurora, Cloud SQL, Supabase.",
  redshift: "Amazon Redshift clusters and Serverless.",
  snowflake: "Snowflake warehouses, with a user, role and warehouse.",
  bigquery: "Google BigQuery with a service account key.",
  mssql: "Microsoft SQL Server 2014 SP3 and later, Azure SQL.",
  mysql: "MySQL 5.7+, MariaDB 10.3+.",
  demo: "Sample SaaS data built in: try Tidewater without a database.",
};

/** Add Source: pick the kind of database, name it, then add its connection on the next screen. */
export function NewSourceForm({ kinds }: { kinds: Kind[] }) {
  const router = useRouter();
  const [kind, setKind] = useState<string>("");
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await createSourceAction({ name, kind, key: keyInput(key) });
    setBusy(false);
    if (!result.ok) {
      setError(errorNamingFields(result.error, result.fields ?? {}, { name: "Name", kind: "Kind of source", key: "Key" }));
      setFields(result.fields ?? {});
      return;
    }
    router.push(`/sources/${result.data.id}/databases/new`);
  }

  return (
    <form className="panel stack form-narrow" onSubmit={submit} style={{ maxWidth: 900 }}>
      <FormMessage error={error} />
      <div className="field">
        <span className="field-label">Kind of source</span>
        <div className="kind-grid" role="radiogroup" aria-label="Kind of source">
          {kinds.map((item) => (
            <button
              key={item.kind}
              type="button"
              role="radio"
              aria-checked={kind === item.kind}
              aria-disabled={!item.available}
              className={`kind-card${kind === item.kind ? " selected" : ""}`}
              onClick={() => item.available && setKind(item.kind)}
            >
              <strong>{item.name}</strong>
              <span className="muted small">{item.available ? BLURB[item.kind] : "Coming soon in this version."}</span>
            </button>
          ))}
        </div>
        {fields.kind?.map((message) => (
          <span key={message} className="field-error" role="alert">
            {kind ? message : "Pick the kind of source"}
          </span>
        ))}
      </div>
      <Field label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} errors={fields.name} placeholder="Production warehouse" />
      <KeyField value={key} onChange={setKey} errors={fields.key} placeholder="warehouse" />
      <div className="actions">
        <button className="button" type="submit" disabled={busy}>
          {busy ? "Adding…" : "Add Source"}
        </button>
      </div>
    </form>
  );
}
