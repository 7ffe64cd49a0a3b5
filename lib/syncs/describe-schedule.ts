import { formatFrequency } from "../format";
import type { TSchedule } from "./schemas";

/** A schedule in a few words, for lists; an "after" schedule names the sync it follows. */
export function describeSchedule(schedule: TSchedule, afterName?: string): string {
  switch (schedule.kind) {
    case "interval":
      return formatFrequency(schedule.frequencyMinutes);
    case "cron":
      return `Cron ${schedule.expression} (${schedule.timeZone})`;
    case "manual":
      return "Manual only";
    case "after":
      return `After ${afterName ?? "another sync"} succeeds`;
  }
}
