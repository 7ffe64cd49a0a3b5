import { z } from "zod";
import { ZCallTypeSchema } from "../sync/call-types";
import { LIMITS } from "../sync/limits";

const fields = {
  name: z.string().trim().min(1, "Give the sync a name").max(100),
  description: z.string().max(1000).default(""),
  type: ZCallTypeSchema,
  query: z
    .string()
    .trim()
    .min(1, "Enter the query that selects the data you want to import")
    .max(LIMITS.queryChars, `The query may be at most ${LIMITS.queryChars.toLocaleString("en-US")} characters`),
  frequencyMinutes: z.coerce.number().int("Whole minutes").min(1, "The shortest frequency is 1 minute").max(60 * 24 * 31),
  startAt: z.coerce.date().optional(),
  enabled: z.boolean().default(true),
  destinationIds: z.array(z.string().min(1)).min(1, "Pick at least one destination"),
};

export const ZCreateSyncSchema = z.object({ sourceId: z.string().min(1), databaseId: z.string().min(1), ...fields });
export type TCreateSync = z.infer<typeof ZCreateSyncSchema>;

export const ZUpdateSyncSchema = z
  // No defaults on an update: a missing field stays as it is (a default would reset it).
  .object({ databaseId: z.string().min(1), ...fields, description: z.string().max(1000), enabled: z.boolean() })
  .partial()
  .strict();
export type TUpdateSync = z.infer<typeof ZUpdateSyncSchema>;
