import { z } from "zod";
import { ZDestinationKindSchema } from "./registry";

export const ZCreateDestinationSchema = z.object({
  name: z.string().trim().min(1, "Give the destination a name").max(100),
  kind: ZDestinationKindSchema,
  config: z.record(z.string(), z.unknown()).default({}),
});
export type TCreateDestination = z.infer<typeof ZCreateDestinationSchema>;

export const ZUpdateDestinationSchema = z.object({
  name: z.string().trim().min(1, "Give the destination a name").max(100).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type TUpdateDestination = z.infer<typeof ZUpdateDestinationSchema>;
