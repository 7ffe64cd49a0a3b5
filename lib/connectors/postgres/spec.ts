import { z } from "zod";
import { ZSshTunnelSchema } from "../../ssh/config";
import type { ConnectorSpec } from "../types";

export const ZPostgresConfigSchema = z.object({
  host: z.string().trim().min(1, "Enter the host name or IP address"),
  port: z.coerce.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1, "Enter the database name"),
  user: z.string().trim().min(1, "Enter the user name"),
  password: z.string().default(""),
  ssl: z.coerce.boolean().default(false),
  sshTunnel: ZSshTunnelSchema.optional(),
});
export type TPostgresConfig = z.infer<typeof ZPostgresConfigSchema>;

export const postgresSpec: ConnectorSpec = {
  kind: "postgres",
  displayName: "PostgreSQL",
  configSchema: ZPostgresConfigSchema,
  // The tunnel holds private keys, and secrets are sealed by top-level key, so all of it is sealed.
  secretKeys: ["password", "sshTunnel"],
};
