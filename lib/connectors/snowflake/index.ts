import type { Connector } from "../types";
import { checkSnowflake } from "./check";
import { readSnowflake } from "./read";
import { snowflakeSpec, type TSnowflakeConfig } from "./spec";

export const snowflakeConnector: Connector<TSnowflakeConfig> = { spec: snowflakeSpec, check: checkSnowflake, read: readSnowflake };
