import { z } from "zod";
import { nextCronTimes } from "../engine/schedule";
import { ZCronExpressionSchema, ZTimeZoneSchema } from "./schemas";

export const ZSchedulePreviewQuerySchema = z.object({
  cron: ZCronExpressionSchema,
  timeZone: ZTimeZoneSchema.default("UTC"),
  count: z.coerce.number().int().min(1).max(20).default(5).describe("How many run times (1–20, default 5)"),
});
export type TSchedulePreviewQuery = z.infer<typeof ZSchedulePreviewQuerySchema>;

/** The next run times of a cron expression in a time zone, as the wizard shows them before saving. */
export function previewSchedule({ cron, timeZone, count }: TSchedulePreviewQuery, now = new Date()) {
  return { times: nextCronTimes(cron, timeZone, now, count).map((time) => time.toISOString()) };
}
