"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { inviteUserAction } from "@/app/(dashboard)/settings/actions";
import { CopyBox } from "@/components/ui/copy-box";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { InlineSubmit } from "@/components/ui/inline-submit";
import { useActionForm } from "@/components/ui/use-action-form";

/** An admin invites by email; the one-time link is shown to copy and send. */
export function InviteForm() {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [link, setLink] = useState<string | null>(null);
  const { error, fields, busy, run } = useActionForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const invite = await run(() => inviteUserAction({ email, role }));
    if (!invite) return;
    setLink(new URL(invite.path, window.location.origin).toString());
    setEmail("");
    router.refresh();
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
        <InlineSubmit busy={busy} label="Invite" busyLabel="Inviting…" />
      </div>
      {link && <CopyBox label="Invite link — send it to them; it works once, for 7 days, and replaces any earlier invitation for this email" value={link} testId="invite-link" />}
    </form>
  );
}
