// The schedule as the API and forms see it (one object) and as the Sync row stores it (five columns).
import type { TSchedule } from "./schemas";

export type TScheduleColumns = {
  scheduleKind: string;
  frequencyMinutes: number;
  cronExpression: string | null;
  timeZone: string;
  afterSyncId: string | null;
};

/**
 * The columns for what was sent: a schedule object, or (the API before schedules) frequencyMinutes
 * alone, which means every N minutes. Undefined when neither was sent. frequencyMinutes is kept
 * for the other kinds so that switching back to an interval finds it.
 */
export function scheduleColumns(schedule: TSchedule | undefined, frequencyMinutes: number | undefined, current?: { frequencyMinutes: number }): TScheduleColumns | undefined {
  const setting: TSchedule | undefined = schedule ?? (frequencyMinutes !== undefined ? { kind: "interval", frequencyMinutes } : undefined);
  if (!setting) return undefined;
  const kept = frequencyMinutes ?? current?.frequencyMinutes ?? 60;
  const none = { cronExpression: null, timeZone: "UTC", afterSyncId: null };
  switch (setting.kind) {
    case "interval":
      return { ...none, scheduleKind: "interval", frequencyMinutes: setting.frequencyMinutes };
    case "cron":
      return { ...none, scheduleKind: "cron", frequencyMinutes: kept, cronExpression: setting.expression, timeZone: setting.timeZone };
    case "manual":
      return { ...none, scheduleKind: "manual", frequencyMinutes: kept };
    case "after":
      return { ...none, scheduleKind: "after", frequencyMinutes: kept, afterSyncId: setting.syncId };
  }
}

export function scheduleOf(sync: TScheduleColumns): TSchedule {
  switch (sync.scheduleKind) {
    case "cron":
      return { kind: "cron", expression: sync.cronExpression ?? "", timeZone: sync.timeZone };
    case "manual":
      return { kind: "manual" };
    case "after":
      // The sync it ran after was deleted (SET NULL): nothing starts it by itself any more.
      return sync.afterSyncId ? { kind: "after", syncId: sync.afterSyncId } : { kind: "manual" };
    default:
      return { kind: "interval", frequencyMinutes: sync.frequencyMinutes };
  }
}
