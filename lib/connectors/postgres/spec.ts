import { z } from "zod";
import { ZSshTunnelSchema } from "../../ssh/config";
import { tlsFields, withLegacyTls } from "../tls";
import type { ConnectorSpec } from "../types";

export const ZPostgresConfigObject = z.object({
  host: z.string().trim().min(1, "Enter the host name or IP address"),
  port: z.coerce.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1, "Enter the database name"),
  user: z.string().trim().min(1, "Enter the user name"),
  password: z.string().default(""),
  ...tlsFields("disable"),
  sshTunnel: ZSshTunnelSchema.optional(),
});
export const ZPostgresConfigSchema = withLegacyTls(ZPostgresConfigObject);
export type TPostgresConfig = z.infer<typeof ZPostgresConfigObject>;

export const postgresSpec: ConnectorSpec = {
  kind: "postgres",
  displayName: "PostgreSQL",
  configSchema: ZPostgresConfigSchema,
  // The tunnel holds private keys, and secrets are sealed by top-level key, so all of it is sealed.
  secretKeys: ["password", "sshTunnel"],
};
