"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionWithError } from "./action-with-error";

type Outcome = { ok: true } | { ok: false; error: string };
type Props = {
  label: string;
  question: string;
  run: () => Promise<Outcome>;
  goTo?: string;
  small?: boolean;
  /** After success, for data the page holds itself (React Query lists), besides the reload. */
  onDone?: () => Promise<unknown> | void;
};

/** A button that asks first, runs a server action, then goes to `goTo` (or reloads); a refusal shows beside it. */
export function ConfirmActionButton({ label, question, run, goTo, small, onDone }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function click() {
    if (!window.confirm(question)) return;
    setBusy(true);
    setError(null);
    const outcome = await run();
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    await onDone?.();
    if (goTo) router.push(goTo);
    router.refresh();
  }

  return (
    <ActionWithError error={error}>
      <button type="button" className={`button secondary danger${small ? " small" : ""}`} onClick={click} disabled={busy}>
        {label}
      </button>
    </ActionWithError>
  );
}
