import type { ConnectorSpec } from "../types";
import { ZPostgresConfigObject } from "../postgres/spec";
import { tlsFields, withLegacyTls } from "../tls";

// Redshift speaks PostgreSQL's wire protocol; it listens on 5439 and clusters usually require SSL.
export const ZRedshiftConfigSchema = withLegacyTls(
  ZPostgresConfigObject.extend({
    port: ZPostgresConfigObject.shape.port.unwrap().default(5439),
    ...tlsFields("verify-full"),
  }),
);

export const redshiftSpec: ConnectorSpec = {
  kind: "redshift",
  displayName: "Amazon Redshift",
  configSchema: ZRedshiftConfigSchema,
  secretKeys: ["password", "sshTunnel"],
};
