"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { allowPrivateDestinationsAction } from "@/app/(dashboard)/settings/actions";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

/** Settings → Private destinations: the admin allows loopback and private destination URLs. */
export function PrivateDestinationsForm({ allowed, byEnvironment }: { allowed: boolean; byEnvironment: boolean }) {
  const router = useRouter();
  const [allow, setAllow] = useState(allowed);
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useActionForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!(await run(() => allowPrivateDestinationsAction(allow)))) return;
    setSaved(true);
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <FormMessage error={error} ok={saved ? "Saved." : null} />
      <label className="check">
        <input type="checkbox" name="allowPrivateDestinations" checked={allow} onChange={(e) => setAllow(e.target.checked)} />
        <span>Allow private and loopback destinations</span>
      </label>
      {byEnvironment && (
        <p className="muted small" style={{ margin: 0 }}>
          This server runs with <code>TIDEWATER_ALLOW_PRIVATE_DESTINATIONS=1</code>, which allows them whatever is chosen here.
        </p>
      )}
      <div className="actions">
        <button className="button" type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
