"use client";

import { useState, type FormEvent } from "react";
import { inviteUserAction } from "@/app/(dashboard)/settings/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { FieldErrors } from "@/lib/errors";

/** An admin invites by email; the one-time link is shown to copy and send. */
export function InviteForm() {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await inviteUserAction({ email, role });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setFields(result.fields ?? {});
      return;
    }
    setError(null);
    setFields({});
    setLink(new URL(result.data.path, window.location.origin).toString());
    setEmail("");
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <FormMessage error={error} />
      <div className="row" style={{ alignItems: "flex-start" }}>
        <div style={{ flex: 1, minWidth: 260 }}>
          <Field label="Email" name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} errors={fields.email} />
        </div>
        <label className="field">
          <span className="field-label">Role</span>
          <select name="role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="member">member</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <div className="field">
          <span className="field-label">&nbsp;</span>
          <button className="button" type="submit" disabled={busy}>
            {busy ? "Inviting…" : "Invite"}
          </button>
        </div>
      </div>
      {link && (
        <div className="stack" style={{ gap: ".35rem" }}>
          <span className="field-label">Invite link — send it to them; it works once, for 7 days</span>
          <div className="copy-box">
            <code data-testid="invite-link">{link}</code>
            <button type="button" className="button secondary small" onClick={() => navigator.clipboard?.writeText(link).catch(() => {})}>
              Copy
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
