"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/api/run-action";
import type { FieldErrors } from "@/lib/errors";

/** A form's server-action state: busy while it runs, then the refusal and per-field errors, if any. */
export function useActionForm() {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  /** Runs the action; its data, or undefined once the reasons it was refused are showing. */
  async function run<T>(action: () => Promise<ActionResult<T>>): Promise<T | undefined> {
    setBusy(true);
    const result = await action();
    setBusy(false);
    setError(result.ok ? null : result.error);
    setFields(result.ok ? {} : (result.fields ?? {}));
    return result.ok ? result.data : undefined;
  }

  return { error, fields, busy, run };
}
