import type { Connector } from "../types";
import { checkPostgres } from "./check";
import { readPostgres } from "./read";
import { postgresSpec, type TPostgresConfig } from "./spec";

export const postgresConnector: Connector<TPostgresConfig> = {
  spec: postgresSpec,
  check: checkPostgres,
  read: readPostgres,
};
