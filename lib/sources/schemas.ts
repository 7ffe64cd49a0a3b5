import { z } from "zod";
import { ZSourceKindSchema } from "../connectors/registry";

export const ZCreateSourceSchema = z.object({
  name: z.string().trim().min(1, "Give the source a name").max(100),
  kind: ZSourceKindSchema,
});
export type TCreateSource = z.infer<typeof ZCreateSourceSchema>;

export const ZCreateDatabaseSchema = z.object({
  name: z.string().trim().min(1, "Give the database a name").max(100),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type TCreateDatabase = z.infer<typeof ZCreateDatabaseSchema>;
