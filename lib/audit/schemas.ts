import { z } from "zod";
import { ZPageQuerySchema } from "../api/page";

const ZMomentSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** The audit log's filters (page, API, CSV): who (email or token name, part of it), resource type, action, date range. */
export const ZAuditFilterSchema = z.object({
  actor: z.string().trim().max(320).optional().describe("Part of the actor's email or token name"),
  resourceType: z.string().trim().max(40).optional().describe("source, database, destination, sync, run, user, invite, api_token, settings, session"),
  action: z.string().trim().max(60).optional().describe("An action such as sync.update or sign_in.failed"),
  since: ZMomentSchema.optional().describe("From this date (UTC) or moment on"),
  until: ZMomentSchema.optional().describe("Up to this moment, or through this date (UTC)"),
});
export type TAuditFilter = z.infer<typeof ZAuditFilterSchema>;

export const ZListAuditEventsQuerySchema = ZPageQuerySchema.extend(ZAuditFilterSchema.shape);
export type TListAuditEventsQuery = z.infer<typeof ZListAuditEventsQuerySchema>;
