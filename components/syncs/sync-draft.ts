import type { TSyncType } from "@/lib/engine/sync-types";
import { keyInput } from "@/components/ui/key-field";
import type { TScheduleKind } from "@/lib/engine/schedule";
import type { TChangeTracking, TSchedule } from "@/lib/syncs/schemas";

export type TTrackingDraft = { on: boolean; idColumns: string; onDeleted: "nothing" | "identify" | "track"; deletedEvent: string };

/** What the sync wizard holds while someone fills it in (strings as typed). */
export type TSyncDraft = {
  name: string;
  /** Config as code; absent until typed in a new sync. */
  key?: string;
  description: string;
  type: TSyncType;
  databaseId: string;
  frequency: string;
  customFrequency: boolean;
  scheduleKind: TScheduleKind;
  cronExpression: string;
  timeZone: string;
  afterSyncId: string;
  startMode: "now" | "later";
  startAt: string;
  query: string;
  destinationIds: string[];
  tracking: TTrackingDraft;
  /** Runs that send a refused or undelivered row again, as typed. */
  retryLimit: string;
};

/** A new sync's retry limit (the database's default too). */
export const DEFAULT_RETRY_LIMIT = "3";

/** The form's view of a stored change-tracking setting (off when null). */
export function trackingDraft(setting: TChangeTracking | null): TTrackingDraft {
  return setting
    ? { on: true, idColumns: setting.idColumns.join(", "), onDeleted: setting.onDeleted, deletedEvent: setting.deletedEvent ?? "" }
    : { on: false, idColumns: "", onDeleted: "nothing", deletedEvent: "" };
}

/** The wizard's draft as the sync services take it. */
export function syncInput(draft: TSyncDraft) {
  return {
    databaseId: draft.databaseId,
    name: draft.name,
    ...(draft.key !== undefined ? { key: keyInput(draft.key) } : {}),
    description: draft.description,
    type: draft.type,
    query: draft.query,
    // Every N minutes goes as frequencyMinutes, as it always did (its errors keep their field name).
    ...(draft.scheduleKind === "interval" ? { frequencyMinutes: draft.frequency } : { schedule: scheduleInput(draft) }),
    // An empty date with "At a date and time" goes to the server as is, which names the field.
    ...(draft.startMode === "later" ? { startAt: draft.startAt ? new Date(draft.startAt).toISOString() : "" } : {}),
    destinationIds: draft.destinationIds,
    retryLimit: draft.retryLimit,
    changeTracking: draft.tracking.on
      ? {
          idColumns: draft.tracking.idColumns.split(",").map((column) => column.trim()).filter(Boolean),
          onDeleted: draft.tracking.onDeleted,
          ...(draft.tracking.onDeleted === "track" ? { deletedEvent: draft.tracking.deletedEvent } : {}),
        }
      : null,
  };
}

function scheduleInput(draft: TSyncDraft) {
  if (draft.scheduleKind === "cron") return { kind: "cron", expression: draft.cronExpression, timeZone: draft.timeZone };
  if (draft.scheduleKind === "after") return { kind: "after", syncId: draft.afterSyncId };
  return { kind: "manual" };
}

/** The form's view of a stored schedule; a new cron schedule starts in the browser's time zone. */
export function scheduleDraft(schedule: TSchedule): Pick<TSyncDraft, "scheduleKind" | "cronExpression" | "timeZone" | "afterSyncId"> {
  return {
    scheduleKind: schedule.kind,
    cronExpression: schedule.kind === "cron" ? schedule.expression : "",
    timeZone: schedule.kind === "cron" ? schedule.timeZone : "UTC",
    afterSyncId: schedule.kind === "after" ? schedule.syncId : "",
  };
}

const STEP_OF_FIELD: Record<string, number> = { query: 1, destinationIds: 2 };

/** The first wizard step with a field error, so a failed Enable shows where to look. */
export function firstStepWithError(fields: Record<string, string[]>): number | null {
  const steps = Object.keys(fields).map((key) => (key.startsWith("changeTracking") ? 1 : (STEP_OF_FIELD[key] ?? 0)));
  return steps.length ? Math.min(...steps) : null;
}

/** An instant as a `datetime-local` input value (YYYY-MM-DDTHH:mm) in the browser's time zone. */
export function localDateTimeInput(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}
