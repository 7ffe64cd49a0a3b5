import { z } from "zod";
import { ZSourceKindSchema } from "../connectors/registry";
import { ZPageQuerySchema } from "../api/page";
import { ZKeySchema } from "../config/key";
import { ZSshTunnelSchema } from "../ssh/config";

export const ZCreateSourceSchema = z.object({
  name: z.string().trim().min(1, "Give the source a name").max(100),
  kind: ZSourceKindSchema,
  key: ZKeySchema.nullable().optional(),
});
export type TCreateSource = z.infer<typeof ZCreateSourceSchema>;

export const ZUpdateSourceSchema = z
  .object({ name: ZCreateSourceSchema.shape.name, key: ZKeySchema.nullable().describe("null removes the key") })
  .partial()
  .strict();
export type TUpdateSource = z.infer<typeof ZUpdateSourceSchema>;

export const ZListSourcesQuerySchema = ZPageQuerySchema.extend({
  key: ZKeySchema.optional().describe("Only the source with this key"),
});
export type TListSourcesQuery = z.infer<typeof ZListSourcesQuerySchema>;

export const ZCreateDatabaseSchema = z.object({
  name: z.string().trim().min(1, "Give the database a name").max(100),
  /** Unique within the source; on a change, left out keeps the key and null removes it. */
  key: ZKeySchema.nullable().optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  /** Also accepted inside `config`; the API takes it beside it, as the form shows it apart. */
  sshTunnel: ZSshTunnelSchema.optional(),
});
export type TCreateDatabase = z.infer<typeof ZCreateDatabaseSchema>;
