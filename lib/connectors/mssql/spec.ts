import { z } from "zod";
import { ZSshTunnelSchema } from "../../ssh/config";
import type { ConnectorSpec } from "../types";

// Microsoft SQL Server 2014 SP3 and newer (and Azure SQL Database).
export const ZMssqlConfigSchema = z.object({
  host: z.string().trim().min(1, "Enter the host name or IP address"),
  port: z.coerce.number().int().min(1).max(65535).default(1433),
  database: z.string().trim().min(1, "Enter the database name"),
  user: z.string().trim().min(1, "Enter the user name"),
  password: z.string().default(""),
  /** Encrypt the connection (TLS). */
  ssl: z.coerce.boolean().default(true),
  /** Accept a self-signed or otherwise unverifiable server certificate. */
  trustServerCertificate: z.coerce.boolean().default(false),
  sshTunnel: ZSshTunnelSchema.optional(),
});
export type TMssqlConfig = z.infer<typeof ZMssqlConfigSchema>;

export const mssqlSpec: ConnectorSpec = {
  kind: "mssql",
  displayName: "Microsoft SQL Server",
  configSchema: ZMssqlConfigSchema,
  secretKeys: ["password", "sshTunnel"],
};
