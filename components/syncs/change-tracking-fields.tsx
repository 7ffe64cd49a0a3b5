"use client";

import type { TSyncDraft, TTrackingDraft } from "./sync-draft";

type Props = { draft: TSyncDraft; set: (patch: Partial<TSyncDraft>) => void; errors: Record<string, string[]> };

const errorsOf = (errors: Record<string, string[]>, key: string) =>
  (errors[key] ?? []).map((message) => (
    <span key={message} className="field-error" role="alert">
      {message}
    </span>
  ));

/** Change tracking: send only new and changed rows, compared by identifier with the last run. */
export function ChangeTrackingFields({ draft, set, errors }: Props) {
  const tracking = draft.tracking;
  const update = (patch: Partial<TTrackingDraft>) => set({ tracking: { ...tracking, ...patch } });
  return (
    <fieldset className="panel stack" data-testid="change-tracking">
      <label className="check">
        <input type="checkbox" checked={tracking.on} onChange={(e) => update({ on: e.target.checked })} />
        <span>
          <strong>Track changes</strong> — send only rows that are new or changed since the last run, compared by their identifier,
          even when the query has no <code>{"{{last_sync_time}}"}</code> filter.
        </span>
      </label>
      {tracking.on && (
        <>
          <label className="field">
            <span className="field-label">Identifier column(s)</span>
            <input value={tracking.idColumns} onChange={(e) => update({ idColumns: e.target.value })} placeholder="userId" aria-label="Identifier columns" />
            <span className="field-hint">Columns of the query that identify a row, separated by commas.</span>
            {errorsOf(errors, "changeTracking.idColumns")}
          </label>
          <label className="field">
            <span className="field-label">When a row disappears from the result</span>
            <select value={tracking.onDeleted} onChange={(e) => update({ onDeleted: e.target.value as TTrackingDraft["onDeleted"] })} aria-label="When a row disappears">
              <option value="nothing">Send nothing</option>
              <option value="identify">Send an identify call with the trait deleted: true</option>
              <option value="track">Send a track event</option>
            </select>
            {errorsOf(errors, "changeTracking.onDeleted")}
          </label>
          {tracking.onDeleted === "track" && (
            <label className="field">
              <span className="field-label">Event name for removed rows</span>
              <input value={tracking.deletedEvent} onChange={(e) => update({ deletedEvent: e.target.value })} placeholder="Account Deleted" aria-label="Event name for removed rows" />
              {errorsOf(errors, "changeTracking.deletedEvent")}
            </label>
          )}
          {errorsOf(errors, "changeTracking")}
        </>
      )}
    </fieldset>
  );
}
