import { z } from "zod";
import { ZPageQuerySchema } from "../api/page";
import { RUN_STATUSES } from "./run-status";

export const ZListRunCallsQuerySchema = ZPageQuerySchema;
export type TListRunCallsQuery = z.infer<typeof ZListRunCallsQuerySchema>;

export const ZListRunsQuerySchema = ZPageQuerySchema.extend({
  status: z.enum(RUN_STATUSES).optional().describe("Only runs with this status"),
  syncId: z.string().min(1).optional().describe("Only runs of this sync"),
  since: z.coerce.date().optional().describe("Only runs started at or after this time (ISO-8601)"),
  until: z.coerce.date().optional().describe("Only runs started before this time (ISO-8601)"),
});
export type TListRunsQuery = z.infer<typeof ZListRunsQuerySchema>;
