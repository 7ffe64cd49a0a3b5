import { z } from "zod";
import { ZSourceKindSchema } from "../connectors/registry";
import { ZSshTunnelSchema } from "../ssh/config";

export const ZCreateSourceSchema = z.object({
  name: z.string().trim().min(1, "Give the source a name").max(100),
  kind: ZSourceKindSchema,
});
export type TCreateSource = z.infer<typeof ZCreateSourceSchema>;

export const ZCreateDatabaseSchema = z.object({
  name: z.string().trim().min(1, "Give the database a name").max(100),
  config: z.record(z.string(), z.unknown()).default({}),
  /** Also accepted inside `config`; the API takes it beside it, as the form shows it apart. */
  sshTunnel: ZSshTunnelSchema.optional(),
});
export type TCreateDatabase = z.infer<typeof ZCreateDatabaseSchema>;
