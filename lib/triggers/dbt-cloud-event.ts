// What Tidewater reads of a dbt Cloud webhook: the event type and, for a completed run, its status.
import { z } from "zod";

const id = z.union([z.string(), z.number()]).optional();

export const ZDbtCloudEventSchema = z.looseObject({
  eventType: z.string(),
  data: z
    .looseObject({ runStatus: z.string().optional(), runId: id, jobId: id, jobName: z.string().optional() })
    .optional(),
});
export type TDbtCloudEvent = z.infer<typeof ZDbtCloudEventSchema>;

/** A run of the sync is due only when the dbt job run completed and succeeded. */
export function isSuccessfulJobRun(event: TDbtCloudEvent): boolean {
  return event.eventType === "job.run.completed" && event.data?.runStatus === "Success";
}

/** Why an event starts nothing, for the 200 reply (dbt Cloud shows it under Recent Deliveries). */
export function ignoredReason(event: TDbtCloudEvent): string {
  if (event.eventType !== "job.run.completed") return `The event ${event.eventType} starts nothing: only job.run.completed with runStatus Success runs the sync.`;
  return `The dbt job run ended with runStatus ${event.data?.runStatus ?? "(none)"}: only a successful run (Success) runs the sync.`;
}

/** The body as an event, or null when it is not JSON of that shape. */
export function parseDbtCloudEvent(rawBody: string): TDbtCloudEvent | null {
  try {
    const parsed = ZDbtCloudEventSchema.safeParse(JSON.parse(rawBody));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
