"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { createSyncAction, updateSyncAction } from "@/app/(dashboard)/syncs/actions";
import { FormMessage } from "@/components/ui/form-message";
import type { FieldErrors } from "@/lib/errors";
import { errorNamingFields } from "@/lib/forms/error-naming-fields";
import type { TSyncType } from "@/lib/engine/sync-types";
import { DestinationsStep } from "./destinations-step";
import { QueryStep } from "./query-step";
import { firstStepWithError, localDateTimeInput, syncInput, type TSyncDraft } from "./sync-draft";
import { SyncSettingsStep } from "./sync-settings-step";
import { WizardDryRun } from "./wizard-dry-run";

type Props = {
  sourceId: string;
  syncId?: string;
  initial: TSyncDraft;
  starterQueries: Record<TSyncType, string>;
  types: { type: TSyncType; summary: string; required: string; example?: string }[];
  databases: { id: string; name: string }[];
  destinations: { id: string; name: string; kind: string }[];
  /** The syncs this one may run after. */
  syncs: { id: string; name: string }[];
};

const STEPS = ["Sync settings", "Define Query", "Destinations"];

// The wizard's labels, keyed as the server names its field errors.
const LABELS = {
  name: "Name",
  databaseId: "Database",
  description: "Description",
  type: "Type",
  frequencyMinutes: "Sync frequency",
  schedule: "Sync frequency",
  "schedule.expression": "Cron expression",
  "schedule.timeZone": "Time zone",
  "schedule.syncId": "Run after",
  startAt: "Start",
  retryLimit: "Retry limit",
  query: "Query",
  destinationIds: "Send the calls to",
  "changeTracking.idColumns": "Identifier column(s)",
  "changeTracking.onDeleted": "When a row disappears from the result",
  "changeTracking.deletedEvent": "Event name for removed rows",
};

/** Create (or edit) a sync: settings → Next: Define Query → destinations → Enable. */
export function SyncWizard({ sourceId, syncId, initial, starterQueries, types, databases, destinations, syncs }: Props) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<TSyncDraft>(initial);
  // A stored start arrives as an ISO instant; the date-time field shows local time, known only here.
  useEffect(() => {
    if (initial.startAt.endsWith("Z")) setDraft((current) => ({ ...current, startAt: localDateTimeInput(new Date(initial.startAt)) }));
  }, [initial.startAt]);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const set = (patch: Partial<TSyncDraft>) =>
    setDraft((previous) => {
      const next = { ...previous, ...patch };
      // A new type brings its starter query, unless the query was already changed by hand.
      if (patch.type && patch.type !== previous.type && (previous.query.trim() === "" || previous.query === starterQueries[previous.type])) {
        next.query = starterQueries[patch.type];
      }
      return next;
    });

  async function submit() {
    setBusy(true);
    setError(null);
    const input = syncInput(draft);
    const result = syncId ? await updateSyncAction(syncId, input) : await createSyncAction({ ...input, sourceId, enabled: true });
    setBusy(false);
    if (!result.ok) {
      setError(errorNamingFields(result.error, result.fields ?? {}, LABELS));
      setFields(result.fields ?? {});
      const errorStep = firstStepWithError(result.fields ?? {});
      if (errorStep !== null) setStep(errorStep);
      return;
    }
    router.push(`/sources/${sourceId}?tab=syncs`);
    router.refresh();
  }

  const info = types.find((item) => item.type === draft.type);
  return (
    <div className="panel">
      <ol className="steps">
        {STEPS.map((label, index) => (
          <li key={label} className={index === step ? "current" : index < step ? "done" : undefined}>
            {index + 1}. {label}
          </li>
        ))}
      </ol>
      <div className="stack">
        <FormMessage error={error} />
        {step === 0 && <SyncSettingsStep draft={draft} set={set} errors={fields} types={types} databases={databases} syncs={syncs} />}
        {step === 1 && (
          <QueryStep draft={draft} set={set} errors={fields.query} trackingErrors={fields} syncId={syncId} required={info?.required ?? ""} />
        )}
        {step === 2 && <DestinationsStep draft={draft} set={set} errors={fields.destinationIds} destinations={destinations} />}
        {step === 2 && <WizardDryRun draft={draft} sourceId={sourceId} syncId={syncId} />}
        <div className="actions" style={{ borderTop: "1px solid var(--line)", paddingTop: "1rem" }}>
          {step > 0 && (
            <button type="button" className="button secondary" onClick={() => setStep(step - 1)}>
              Back
            </button>
          )}
          <span className="spacer" />
          {step === 0 && (
            <button type="button" className="button" onClick={() => setStep(1)}>
              Next: Define Query
            </button>
          )}
          {step === 1 && (
            <button type="button" className="button" onClick={() => setStep(2)}>
              Next: Destinations
            </button>
          )}
          {step === 2 && (
            <button type="button" className="button" onClick={submit} disabled={busy}>
              {busy ? "Saving…" : syncId ? "Save sync" : "Enable"}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
