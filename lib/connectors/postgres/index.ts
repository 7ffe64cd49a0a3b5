import type { Connector } from "../types";
import { withSshTunnel } from "../with-tunnel";
import { checkPostgres } from "./check";
import { readPostgres } from "./read";
import { postgresSpec, type TPostgresConfig } from "./spec";

export const postgresConnector: Connector<TPostgresConfig> = withSshTunnel({
  spec: postgresSpec,
  check: checkPostgres,
  read: readPostgres,
});
