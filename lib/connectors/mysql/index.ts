import type { Connector } from "../types";
import { withSshTunnel } from "../with-tunnel";
import { checkMysql } from "./check";
import { readMysql } from "./read";
import { mysqlSpec, type TMysqlConfig } from "./spec";

export const mysqlConnector: Connector<TMysqlConfig> = withSshTunnel({ spec: mysqlSpec, check: checkMysql, read: readMysql });
