import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { describeSchedule } from "@/lib/syncs/describe-schedule";
import type { TSchedule } from "@/lib/syncs/schemas";

type SyncLink = { id: string; name: string };
type Props = { schedule: TSchedule; enabled: boolean; nextRunAt: Date | null; after: SyncLink | null; followers: (SyncLink & { enabled: boolean })[] };

/** The sync page's schedule in words: when it runs, what it runs after, and what runs after it. */
export function ScheduleSummary({ schedule, enabled, nextRunAt, after, followers }: Props) {
  return (
    <section className="panel" data-testid="schedule-summary">
      <p>
        <strong>Schedule: </strong>
        {schedule.kind === "after" && after ? (
          <>
            Runs after <Link href={`/syncs/${after.id}`}>{after.name}</Link> succeeds (not when it fails).
          </>
        ) : schedule.kind === "cron" ? (
          <>
            Cron <code>{schedule.expression}</code> in {schedule.timeZone} time.
          </>
        ) : schedule.kind === "manual" ? (
          <>Manual only: runs when someone clicks Run now, or the API or a trigger starts it.</>
        ) : (
          <>{describeSchedule(schedule)}.</>
        )}
        {!enabled ? <span className="muted"> Disabled: nothing starts it until it is enabled.</span> : nextRunAt && <span className="muted"> Next run: {cronTime(nextRunAt, schedule)}.</span>}
      </p>
      {followers.length > 0 && (
        <p className="muted">
          Runs after this one succeeds:{" "}
          {followers.map((follower, index) => (
            <span key={follower.id}>
              {index > 0 && ", "}
              <Link href={`/syncs/${follower.id}`}>{follower.name}</Link>
              {!follower.enabled && " (disabled)"}
            </span>
          ))}
          . A failed or skipped run of this sync stops the chain here.
        </p>
      )}
    </section>
  );
}

/** A cron sync's next run also in its own time zone, the one its expression is written in. */
function cronTime(at: Date, schedule: TSchedule): string {
  if (schedule.kind !== "cron" || schedule.timeZone === "UTC") return formatDateTime(at);
  const local = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: schedule.timeZone }).format(at);
  return `${formatDateTime(at)} (${local} ${schedule.timeZone})`;
}
