import { z } from "zod";
import { DELETED_ROWS_ACTIONS } from "../engine/change-tracking/deleted-rows-action";
import { LIMITS } from "../engine/limits";
import { cronExpressionProblem, isTimeZone } from "../engine/schedule";
import { ZSyncTypeSchema } from "../engine/sync-types";
import { usesLastSyncTime } from "../engine/substitute-last-sync-time";
import { ZPageQuerySchema } from "../api/page";
import { ZKeySchema } from "../config/key";


/**
 * Change tracking: each run sends only the rows that are new or changed since the last run, by the
 * identifier column(s). null turns it off. In an update the whole object is replaced, so its own
 * defaults (onDeleted "nothing") apply to what was sent.
 */
export const ZChangeTrackingSchema = z
  .object({
    idColumns: z
      .array(z.string().trim().min(1, "Enter the identifier column's name").max(LIMITS.columnNameChars))
      .min(1, "Name the column (or columns) that identify a row")
      .max(10, "At most 10 identifier columns"),
    onDeleted: z.enum(DELETED_ROWS_ACTIONS).default("nothing"),
    deletedEvent: z.string().trim().min(1, "Enter the event name").max(200).optional(),
  })
  .superRefine((value, context) => {
    if (value.onDeleted === "track" && !value.deletedEvent) {
      context.addIssue({ code: "custom", path: ["deletedEvent"], message: "Name the event to track for a deleted row" });
    }
  });
export type TChangeTracking = z.infer<typeof ZChangeTrackingSchema>;

/**
 * A query filtered by {{last_sync_time}} returns only recent rows, so every other row would look
 * deleted: deletion calls need the whole result each run. Returns the field error, if any.
 */
export function deletedRowsConflict(query: string | undefined, changeTracking: TChangeTracking | null | undefined): string | null {
  if (!query || !changeTracking || changeTracking.onDeleted === "nothing" || !usesLastSyncTime(query)) return null;
  return "Sending calls for deleted rows needs the whole result each run; remove {{last_sync_time}} from the query or choose to send nothing.";
}

const ZFrequencyMinutesSchema = z.coerce.number().int("Whole minutes").min(1, "The shortest frequency is 1 minute").max(60 * 24 * 31);

export const ZCronExpressionSchema = z
  .string()
  .trim()
  .min(1, "Enter a cron expression, e.g. 30 2 * * * for 02:30 every day")
  .max(200)
  .superRefine((value, context) => {
    const problem = value ? cronExpressionProblem(value) : null;
    if (problem) context.addIssue({ code: "custom", message: problem });
  })
  .describe("Five fields: minute hour day-of-month month day-of-week (croner syntax)");

export const ZTimeZoneSchema = z
  .string()
  .trim()
  .min(1, "Pick a time zone")
  .refine(isTimeZone, "Unknown time zone; use an IANA name such as Europe/Berlin or America/New_York")
  .describe("IANA time zone the expression's times are in; daylight-saving changes follow it");

/**
 * When a sync runs: every N minutes from its start, at the times of a cron expression in a time zone,
 * only when someone starts it, or after another sync's run succeeds (never after a failed one).
 */
export const ZScheduleSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("interval"), frequencyMinutes: ZFrequencyMinutesSchema }).describe("Every frequencyMinutes minutes from startAt"),
    z
      .object({
        kind: z.literal("cron"),
        expression: ZCronExpressionSchema,
        timeZone: ZTimeZoneSchema.default("UTC"),
      })
      .describe("At the expression's times in timeZone, not before startAt"),
    z.object({ kind: z.literal("manual") }).describe("Only when someone (or the API, or a trigger) starts a run"),
    z
      .object({ kind: z.literal("after"), syncId: z.string().min(1, "Pick the sync this one runs after") })
      .describe("Each time a run of the sync syncId succeeds (not when it fails); a chain never loops"),
  ])
  .describe("When the sync runs; without it, frequencyMinutes alone means every N minutes");
export type TSchedule = z.infer<typeof ZScheduleSchema>;

const fields = {
  key: ZKeySchema.nullable().optional(),
  name: z.string().trim().min(1, "Give the sync a name").max(100),
  description: z.string().max(1000).default(""),
  type: ZSyncTypeSchema.describe("The call each row becomes, or mixed: each row's type column names its call"),
  query: z
    .string()
    .trim()
    .min(1, "Enter the query that selects the data you want to import")
    .max(LIMITS.queryChars, `The query may be at most ${LIMITS.queryChars.toLocaleString("en-US")} characters`),
  frequencyMinutes: ZFrequencyMinutesSchema.optional().describe("Every N minutes (the interval schedule's minutes); the same as schedule { kind: interval }"),
  schedule: ZScheduleSchema.optional(),
  startAt: z.coerce.date().optional(),
  enabled: z.boolean().default(true),
  destinationIds: z.array(z.string().min(1)).min(1, "Pick at least one destination"),
  changeTracking: ZChangeTrackingSchema.nullable().optional(),
  // A blank field is not 0 (never retry): coercion would make it one, so it is refused as blank.
  retryLimit: z
    .preprocess(
      (value) => (typeof value === "string" ? (value.trim() === "" ? Number.NaN : Number(value)) : value),
      z.number({ error: "Enter a number of runs from 0 to 20" }).int("Whole runs").min(0, "0 (never retry) or more runs").max(20, "At most 20 runs"),
    )
    .optional()
    .describe("Runs that send a row a destination refused (or could not take) again before it is given up; default 3, 0 never retries"),
};

export const ZCreateSyncSchema = z
  .object({ sourceId: z.string().min(1), databaseId: z.string().min(1), ...fields })
  .superRefine((value, context) => {
    const conflict = deletedRowsConflict(value.query, value.changeTracking);
    if (conflict) context.addIssue({ code: "custom", path: ["changeTracking", "onDeleted"], message: conflict });
    if (!value.schedule && value.frequencyMinutes === undefined) {
      context.addIssue({ code: "custom", path: ["frequencyMinutes"], message: "Choose how often the sync runs" });
    }
  });
export type TCreateSync = z.infer<typeof ZCreateSyncSchema>;

export const ZUpdateSyncSchema = z
  // No defaults on an update: a missing field stays as it is (a default would reset it).
  .object({ databaseId: z.string().min(1), ...fields, description: z.string().max(1000), enabled: z.boolean() })
  .partial()
  .strict();
export type TUpdateSync = z.infer<typeof ZUpdateSyncSchema>;

export const ZListSyncsQuerySchema = ZPageQuerySchema.extend({
  sourceId: z.string().min(1).optional().describe("Only syncs reading this source"),
  key: ZKeySchema.optional().describe("Only the sync with this key"),
});
export type TListSyncsQuery = z.infer<typeof ZListSyncsQuerySchema>;
