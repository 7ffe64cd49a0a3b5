"use client";

import { useState } from "react";
import { allowPrivateDestinationsAction } from "@/app/(dashboard)/settings/actions";
import { FormActionsSubmit } from "@/components/ui/form-actions-submit";
import { FormMessage } from "@/components/ui/form-message";
import { useSettingForm } from "./use-setting-form";

/** Settings → Private destinations: the admin allows loopback and private destination URLs. */
export function PrivateDestinationsForm({ allowed, byEnvironment }: { allowed: boolean; byEnvironment: boolean }) {
  const [allow, setAllow] = useState(allowed);
  const { error, busy, submit, ok } = useSettingForm(() => allowPrivateDestinationsAction(allow));

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <FormMessage error={error} ok={ok} />
      <label className="check">
        <input type="checkbox" name="allowPrivateDestinations" checked={allow} onChange={(e) => setAllow(e.target.checked)} />
        <span>Allow private and loopback destinations</span>
      </label>
      {byEnvironment && (
        <p className="muted small" style={{ margin: 0 }}>
          This server runs with <code>TIDEWATER_ALLOW_PRIVATE_DESTINATIONS=1</code>, which allows them whatever is chosen here.
        </p>
      )}
      <FormActionsSubmit busy={busy} />
    </form>
  );
}
