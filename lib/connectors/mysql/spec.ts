import { z } from "zod";
import { ZSshTunnelSchema } from "../../ssh/config";
import { tlsFields, withLegacyTls } from "../tls";
import type { ConnectorSpec } from "../types";

// MySQL 5.7+/8 and MariaDB 10.3+ alike (MariaDB is what the tests run against).
export const ZMysqlConfigObject = z.object({
  host: z.string().trim().min(1, "Enter the host name or IP address"),
  port: z.coerce.number().int().min(1).max(65535).default(3306),
  database: z.string().trim().min(1, "Enter the database name"),
  user: z.string().trim().min(1, "Enter the user name"),
  password: z.string().default(""),
  ...tlsFields("disable"),
  sshTunnel: ZSshTunnelSchema.optional(),
});
export const ZMysqlConfigSchema = withLegacyTls(ZMysqlConfigObject);
export type TMysqlConfig = z.infer<typeof ZMysqlConfigObject>;

export const mysqlSpec: ConnectorSpec = {
  kind: "mysql",
  displayName: "MySQL",
  configSchema: ZMysqlConfigSchema,
  secretKeys: ["password", "sshTunnel"],
};
