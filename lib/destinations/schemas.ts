import { z } from "zod";
import { ZPageQuerySchema } from "../api/page";
import { ZKeySchema } from "../config/key";
import { ZDestinationKindSchema } from "./registry";

export const ZCreateDestinationSchema = z.object({
  name: z.string().trim().min(1, "Give the destination a name").max(100),
  kind: ZDestinationKindSchema,
  key: ZKeySchema.nullable().optional(),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type TCreateDestination = z.infer<typeof ZCreateDestinationSchema>;

export const ZUpdateDestinationSchema = z.object({
  name: z.string().trim().min(1, "Give the destination a name").max(100).optional(),
  key: ZKeySchema.nullable().optional().describe("Left out keeps the key; null removes it"),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type TUpdateDestination = z.infer<typeof ZUpdateDestinationSchema>;

export const ZListDestinationsQuerySchema = ZPageQuerySchema.extend({
  key: ZKeySchema.optional().describe("Only the destination with this key"),
});
export type TListDestinationsQuery = z.infer<typeof ZListDestinationsQuerySchema>;

