import type { ConnectorSpec } from "../types";
import { ZPostgresConfigSchema } from "../postgres/spec";

// Redshift speaks PostgreSQL's wire protocol; it listens on 5439 and clusters usually require SSL.
export const ZRedshiftConfigSchema = ZPostgresConfigSchema.extend({
  port: ZPostgresConfigSchema.shape.port.unwrap().default(5439),
  ssl: ZPostgresConfigSchema.shape.ssl.unwrap().default(true),
});

export const redshiftSpec: ConnectorSpec = {
  kind: "redshift",
  displayName: "Amazon Redshift",
  configSchema: ZRedshiftConfigSchema,
  secretKeys: ["password", "sshTunnel"],
};
