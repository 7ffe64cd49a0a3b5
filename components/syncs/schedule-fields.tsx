"use client";

import { useEffect, useMemo, useState } from "react";
import { nextCronTimes } from "@/lib/engine/schedule";
import type { FieldErrors } from "@/lib/errors";
import { ZCronExpressionSchema, ZTimeZoneSchema } from "@/lib/syncs/schemas";
import type { TSyncDraft } from "./sync-draft";

type Props = {
  draft: TSyncDraft;
  set: (patch: Partial<TSyncDraft>) => void;
  errors: FieldErrors;
  /** The syncs this one may run after (not itself). */
  syncs: { id: string; name: string }[];
};

const PRESETS = [
  { value: "1", label: "Every minute" },
  { value: "5", label: "Every 5 minutes" },
  { value: "15", label: "Every 15 minutes" },
  { value: "60", label: "Hourly" },
  { value: "1440", label: "Daily" },
];

const KINDS = [
  { kind: "interval", label: "Every N minutes" },
  { kind: "cron", label: "Cron expression" },
  { kind: "manual", label: "Manual only" },
  { kind: "after", label: "After another sync" },
] as const;

const fieldErrors = (messages: string[] | undefined) => messages?.map((message) => <span key={message} className="field-error" role="alert">{message}</span>);

/** Sync frequency: every N minutes, a cron expression in a time zone, manual only, or after another sync. */
export function ScheduleFields({ draft, set, errors, syncs }: Props) {
  return (
    <div className="field">
      <span className="field-label">Sync frequency</span>
      <div className="row" role="radiogroup" aria-label="Schedule">
        {KINDS.map((item) => (
          <label key={item.kind} className="check">
            <input type="radio" name="scheduleKind" checked={draft.scheduleKind === item.kind} onChange={() => set({ scheduleKind: item.kind })} /> {item.label}
          </label>
        ))}
      </div>
      {draft.scheduleKind === "interval" && <IntervalFields draft={draft} set={set} errors={errors} />}
      {draft.scheduleKind === "cron" && <CronFields draft={draft} set={set} errors={errors} />}
      {draft.scheduleKind === "manual" && <span className="field-hint">Runs only when someone clicks Run now, or the API or a trigger starts it.</span>}
      {draft.scheduleKind === "after" && (
        <>
          <select aria-label="Run after" value={draft.afterSyncId} onChange={(e) => set({ afterSyncId: e.target.value })}>
            <option value="">Pick a sync…</option>
            {syncs.map((sync) => (
              <option key={sync.id} value={sync.id}>
                {sync.name}
              </option>
            ))}
          </select>
          <span className="field-hint">Runs each time that sync&apos;s run succeeds, not when it fails. A chain can&apos;t loop back to this sync.</span>
          {fieldErrors(errors["schedule.syncId"])}
        </>
      )}
      {fieldErrors(errors.schedule)}
    </div>
  );
}

function IntervalFields({ draft, set, errors }: Omit<Props, "syncs">) {
  const preset = PRESETS.some((item) => item.value === draft.frequency) && !draft.customFrequency ? draft.frequency : "custom";
  return (
    <>
      <div className="row">
        <select
          aria-label="Sync frequency"
          value={preset}
          onChange={(e) => (e.target.value === "custom" ? set({ customFrequency: true }) : set({ frequency: e.target.value, customFrequency: false }))}
        >
          {PRESETS.map((item) => (
            <option key={item.value} value={item.value}>
              {item.label}
            </option>
          ))}
          <option value="custom">Every N minutes…</option>
        </select>
        {preset === "custom" && (
          <label className="row small">
            every
            <input aria-label="Minutes between runs" type="number" min={1} style={{ width: 90 }} value={draft.frequency} onChange={(e) => set({ frequency: e.target.value })} />
            minutes
          </label>
        )}
      </div>
      <span className="field-hint">Choose a frequency at which runs don&apos;t overlap; a run that comes due while the last one is going is skipped.</span>
      {fieldErrors(errors.frequencyMinutes)}
    </>
  );
}

function CronFields({ draft, set, errors }: Omit<Props, "syncs">) {
  // The times depend on the clock: worked out in the browser only, so the server's render matches.
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => setInBrowser(true), []);
  // The same checks as the server's, as the user types; the server's answer still wins on save.
  const preview = useMemo(() => {
    const expression = ZCronExpressionSchema.safeParse(draft.cronExpression);
    const timeZone = ZTimeZoneSchema.safeParse(draft.timeZone);
    if (!expression.success || !timeZone.success) {
      return { expressionError: expression.error?.issues[0]?.message, timeZoneError: timeZone.error?.issues[0]?.message, times: [] };
    }
    return { times: inBrowser ? nextCronTimes(expression.data, timeZone.data, new Date(), 5) : [] };
  }, [draft.cronExpression, draft.timeZone, inBrowser]);
  // Once something is typed, the check as typed replaces what the server said at the last save.
  const expressionErrors = draft.cronExpression.trim() ? (preview.expressionError ? [preview.expressionError] : undefined) : errors["schedule.expression"];
  const inZone = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: preview.times.length ? draft.timeZone.trim() : "UTC" });
  return (
    <>
      <div className="grid-2">
        <label className="field">
          <span className="field-label">Cron expression</span>
          <input aria-label="Cron expression" className="mono" value={draft.cronExpression} onChange={(e) => set({ cronExpression: e.target.value })} placeholder="30 2 * * *" />
          <span className="field-hint">minute hour day-of-month month day-of-week, e.g. 30 2 * * * is 02:30 every day, 0 9 * * 1-5 is 09:00 on weekdays.</span>
          {fieldErrors(expressionErrors)}
        </label>
        <label className="field">
          <span className="field-label">Time zone</span>
          <input aria-label="Time zone" list="time-zones" value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })} placeholder="Europe/Berlin" />
          <TimeZoneList />
          <span className="field-hint">The expression&apos;s times are in this zone; daylight-saving changes follow it.</span>
          {fieldErrors(preview.timeZoneError ? [preview.timeZoneError] : errors["schedule.timeZone"])}
        </label>
      </div>
      {preview.times.length > 0 && (
        <div data-testid="cron-preview">
          <span className="field-label">Next runs ({draft.timeZone.trim()})</span>
          <ol className="small">
            {preview.times.map((time) => (
              <li key={time.toISOString()}>{inZone.format(time)}</li>
            ))}
          </ol>
        </div>
      )}
    </>
  );
}

function TimeZoneList() {
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []), []);
  return (
    <datalist id="time-zones">
      <option value="UTC" />
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
