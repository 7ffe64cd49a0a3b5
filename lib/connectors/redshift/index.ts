import { checkPostgres } from "../postgres/check";
import { readPostgres } from "../postgres/read";
import type { TPostgresConfig } from "../postgres/spec";
import type { Connector } from "../types";
import { redshiftSpec } from "./spec";

export const redshiftConnector: Connector<TPostgresConfig> = {
  spec: redshiftSpec,
  check: checkPostgres,
  read: readPostgres,
};
