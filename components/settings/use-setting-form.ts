"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/api/run-action";
import { useActionForm } from "@/components/ui/use-action-form";

/** A one-setting form of Settings: submit runs the action, then shows "Saved." and re-reads the page. */
export function useSettingForm<T>(action: () => Promise<ActionResult<T>>) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useActionForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if ((await run(action)) === undefined) return;
    setSaved(true);
    router.refresh();
  }

  return { error, busy, submit, ok: saved ? "Saved." : null };
}
