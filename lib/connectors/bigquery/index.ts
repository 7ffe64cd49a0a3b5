import type { Connector } from "../types";
import { checkBigQuery } from "./check";
import { readBigQuery } from "./read";
import { bigquerySpec, type TBigQueryConfig } from "./spec";

export const bigqueryConnector: Connector<TBigQueryConfig> = { spec: bigquerySpec, check: checkBigQuery, read: readBigQuery };
