import type { Connector } from "../types";
import { withSshTunnel } from "../with-tunnel";
import { checkMssql } from "./check";
import { readMssql } from "./read";
import { mssqlSpec, type TMssqlConfig } from "./spec";

export const mssqlConnector: Connector<TMssqlConfig> = withSshTunnel({ spec: mssqlSpec, check: checkMssql, read: readMssql });
