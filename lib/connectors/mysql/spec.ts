import { z } from "zod";
import { ZSshTunnelSchema } from "../../ssh/config";
import type { ConnectorSpec } from "../types";

// MySQL 5.7+/8 and MariaDB 10.3+ alike (MariaDB is what the tests run against).
export const ZMysqlConfigSchema = z.object({
  host: z.string().trim().min(1, "Enter the host name or IP address"),
  port: z.coerce.number().int().min(1).max(65535).default(3306),
  database: z.string().trim().min(1, "Enter the database name"),
  user: z.string().trim().min(1, "Enter the user name"),
  password: z.string().default(""),
  ssl: z.coerce.boolean().default(false),
  sshTunnel: ZSshTunnelSchema.optional(),
});
export type TMysqlConfig = z.infer<typeof ZMysqlConfigSchema>;

export const mysqlSpec: ConnectorSpec = {
  kind: "mysql",
  displayName: "MySQL",
  configSchema: ZMysqlConfigSchema,
  secretKeys: ["password", "sshTunnel"],
};
