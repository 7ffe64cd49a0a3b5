import { checkPostgres } from "../postgres/check";
import { postgresReader } from "../postgres/read";
import type { TPostgresConfig } from "../postgres/spec";
import type { Connector } from "../types";
import { withSshTunnel } from "../with-tunnel";
import { redshiftSpec } from "./spec";

// Redshift speaks PostgreSQL's protocol (and has BEGIN READ ONLY and pg_cancel_backend); only the
// statement check parses its own dialect.
export const redshiftConnector: Connector<TPostgresConfig> = withSshTunnel({
  spec: redshiftSpec,
  check: checkPostgres,
  read: postgresReader("redshift"),
});
