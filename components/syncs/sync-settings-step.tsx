"use client";

import { Field } from "@/components/ui/field";
import { KeyField } from "@/components/ui/key-field";
import type { FieldErrors } from "@/lib/errors";
import type { TSyncType } from "@/lib/engine/sync-types";
import { ScheduleFields } from "./schedule-fields";
import type { TSyncDraft } from "./sync-draft";

type Props = {
  draft: TSyncDraft;
  set: (patch: Partial<TSyncDraft>) => void;
  errors: FieldErrors;
  types: { type: TSyncType; summary: string; required: string; example?: string }[];
  databases: { id: string; name: string }[];
  /** The syncs this one may run after. */
  syncs: { id: string; name: string }[];
};

/** Step 1: what the sync is, what kind of call each row becomes, and how often it runs. */
export function SyncSettingsStep({ draft, set, errors, types, databases, syncs }: Props) {
  return (
    <div className="stack">
      <div className="grid-2">
        <Field label="Name" name="name" value={draft.name} onChange={(e) => set({ name: e.target.value })} errors={errors.name} placeholder="Identify customers" />
        {databases.length > 1 ? (
          <label className="field">
            <span className="field-label">Database</span>
            <select value={draft.databaseId} onChange={(e) => set({ databaseId: e.target.value })}>
              {databases.map((database) => (
                <option key={database.id} value={database.id}>
                  {database.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <div />
        )}
      </div>
      <label className="field">
        <span className="field-label">Description</span>
        <textarea rows={2} name="description" value={draft.description} onChange={(e) => set({ description: e.target.value })} placeholder="What this sync sends and why" />
        {errors.description?.map((message) => <span key={message} className="field-error" role="alert">{message}</span>)}
      </label>
      <KeyField value={draft.key ?? ""} onChange={(key) => set({ key })} errors={errors.key} placeholder="identify-customers" />
      <div className="field">
        <span className="field-label">Type</span>
        <div className="type-grid" role="radiogroup" aria-label="Type">
          {types.map((item) => (
            <label key={item.type} className={`type-card${draft.type === item.type ? " selected" : ""}`}>
              <input type="radio" name="type" value={item.type} checked={draft.type === item.type} onChange={() => set({ type: item.type })} aria-label={item.type} />
              <code>{item.type}</code>
              <span>{item.summary}</span>
              <span className="muted small">Requires: {item.required}</span>
              {item.example && (
                <code className="type-example small" data-testid={`type-example-${item.type}`}>
                  {item.example}
                </code>
              )}
            </label>
          ))}
        </div>
        {errors.type?.map((message) => <span key={message} className="field-error" role="alert">{message}</span>)}
      </div>
      <ScheduleFields draft={draft} set={set} errors={errors} syncs={syncs} />
      <div className="grid-2">
        <div className="field">
          <span className="field-label">Start</span>
          <label className="check">
            <input type="radio" name="start" checked={draft.startMode === "now"} onChange={() => set({ startMode: "now" })} /> Start now
          </label>
          <label className="check">
            <input type="radio" name="start" checked={draft.startMode === "later"} onChange={() => set({ startMode: "later" })} /> At a date and time
          </label>
          {draft.startMode === "later" && (
            <input aria-label="Start at" type="datetime-local" value={draft.startAt} onChange={(e) => set({ startAt: e.target.value })} />
          )}
          {errors.startAt?.map((message) => <span key={message} className="field-error" role="alert">{message}</span>)}
        </div>
        <Field
          label="Retry limit"
          name="retryLimit"
          type="number"
          min={0}
          max={20}
          value={draft.retryLimit}
          onChange={(e) => set({ retryLimit: e.target.value })}
          errors={errors.retryLimit}
          hint="Refused or undelivered rows are retried on the next runs, up to this many, then given up. 0 never retries."
        />
      </div>
    </div>
  );
}
