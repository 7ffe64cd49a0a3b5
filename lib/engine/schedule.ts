import { Cron } from "croner";

export const SCHEDULE_KINDS = ["interval", "cron", "manual", "after"] as const;
export type TScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** What a sync's next run by time depends on, as stored on the sync. */
export type TScheduleTiming = {
  scheduleKind: string;
  frequencyMinutes: number;
  startAt: Date;
  cronExpression: string | null;
  timeZone: string;
};

/** The first time on the grid startAt + k × frequency that is strictly after `now`. */
export function nextRunAfter(startAt: Date, frequencyMinutes: number, now: Date): Date {
  if (startAt > now) return startAt;
  const period = frequencyMinutes * 60_000;
  const periods = Math.floor((now.getTime() - startAt.getTime()) / period) + 1;
  return new Date(startAt.getTime() + periods * period);
}

// Five fields (minute precision, like crontab); the scheduler ticks every few seconds, not every second.
const cron = (expression: string, timeZone: string) => new Cron(expression, { timezone: timeZone, mode: "5-part", paused: true });

/** The cron times strictly after `after`, in the expression's time zone, at most `count` of them. */
export function nextCronTimes(expression: string, timeZone: string, after: Date, count: number): Date[] {
  return cron(expression, timeZone).nextRuns(count, after);
}

/**
 * When a sync next runs by time: on its interval grid, or at its next cron time not before its start.
 * Manual syncs and syncs that run after another never come due by time (null).
 */
export function nextRunFor(sync: TScheduleTiming, now: Date): Date | null {
  if (sync.scheduleKind === "interval") return nextRunAfter(sync.startAt, sync.frequencyMinutes, now);
  if (sync.scheduleKind !== "cron" || !sync.cronExpression) return null;
  // The start itself may be a cron time: look from just before it.
  const from = sync.startAt > now ? new Date(sync.startAt.getTime() - 1) : now;
  return nextCronTimes(sync.cronExpression, sync.timeZone, from, 1)[0] ?? null;
}

/** Only these kinds ever come due by time. */
export const TIMED_KINDS: readonly TScheduleKind[] = ["interval", "cron"];

/**
 * A sync with no next run yet (never scheduled) only gets its first time set, unless it runs every N
 * minutes from a start that has come. Both schedulers ask this.
 */
export function runsAtOnce(sync: { scheduleKind: string; startAt: Date }, now: Date): boolean {
  return sync.scheduleKind === "interval" && sync.startAt <= now;
}

/** An IANA time zone name the runtime knows (the browser's and the server's Intl agree on these). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a cron expression, in words for the form; null when it is fine. */
export function cronExpressionProblem(expression: string): string | null {
  let next: Date | null;
  try {
    next = cron(expression, "UTC").nextRun();
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Cron\w*:\s*/, "") : String(error);
    return `Not a cron expression (minute hour day-of-month month day-of-week): ${reason}`;
  }
  return next ? null : "This cron expression never runs; check the day and month.";
}
