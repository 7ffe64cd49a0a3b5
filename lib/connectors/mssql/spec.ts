import { z } from "zod";
import { ZSshTunnelSchema } from "../../ssh/config";
import { tlsFields, withLegacyTls } from "../tls";
import type { ConnectorSpec } from "../types";

// Microsoft SQL Server 2014 SP3 and newer (and Azure SQL Database).
export const ZMssqlConfigObject = z.object({
  host: z.string().trim().min(1, "Enter the host name or IP address"),
  port: z.coerce.number().int().min(1).max(65535).default(1433),
  database: z.string().trim().min(1, "Enter the database name"),
  user: z.string().trim().min(1, "Enter the user name"),
  password: z.string().default(""),
  // tedious always checks the host name when it checks the certificate, so there is no verify-ca.
  ...tlsFields("verify-full", ["disable", "require", "verify-full"]),
  sshTunnel: ZSshTunnelSchema.optional(),
});
/** Also reads `ssl` / `trustServerCertificate`, as configs were stored before `sslMode`. */
export const ZMssqlConfigSchema = withLegacyTls(ZMssqlConfigObject, "mssql");
export type TMssqlConfig = z.infer<typeof ZMssqlConfigObject>;

export const mssqlSpec: ConnectorSpec = {
  kind: "mssql",
  displayName: "Microsoft SQL Server",
  configSchema: ZMssqlConfigSchema,
  secretKeys: ["password", "sshTunnel"],
};
