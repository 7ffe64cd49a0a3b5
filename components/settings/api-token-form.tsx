"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createApiTokenAction } from "@/app/(dashboard)/settings/actions";
import { CopyBox } from "@/components/ui/copy-box";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { InlineSubmit } from "@/components/ui/inline-submit";
import { useActionForm } from "@/components/ui/use-action-form";

/** Creates a token for scripts; the token itself is shown here once and never again. */
export function ApiTokenForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const { error, fields, busy, run } = useActionForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const token = await run(() => createApiTokenAction({ name, expiresAt: expiresOn || null }));
    if (!token) return;
    setCreated(token);
    setName("");
    setExpiresOn("");
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <FormMessage error={error} />
      <div className="row" style={{ alignItems: "flex-start" }}>
        <div style={{ flex: 1, minWidth: 260 }}>
          <Field label="Token name" name="tokenName" value={name} onChange={(e) => setName(e.target.value)} errors={fields.name} placeholder="dbt nightly" />
        </div>
        <div style={{ minWidth: 180 }}>
          <Field
            label="Expires"
            name="expiresAt"
            type="date"
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.target.value)}
            errors={fields.expiresAt}
            hint="Works through that day (UTC); empty for never."
          />
        </div>
        <InlineSubmit busy={busy} label="Create token" busyLabel="Creating…" />
      </div>
      {created && (
        <>
          <CopyBox label={`Token “${created.name}” — copy it now: it is not shown again`} value={created.token} testId="new-api-token" />
          <span className="muted small">
            Send it as <code>Authorization: Bearer …</code>; it acts with your role. The API is described at <code>/api/v1/openapi.json</code>.
          </span>
        </>
      )}
    </form>
  );
}
