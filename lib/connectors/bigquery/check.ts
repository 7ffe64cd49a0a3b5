import { ConnectorError, type CheckResult } from "../types";
import { readBigQuery } from "./read";
import type { TBigQueryConfig } from "./spec";

/** Runs `SELECT 1` as a job: proves the key, the project and the permission to run queries. */
export async function checkBigQuery(config: TBigQueryConfig): Promise<CheckResult> {
  try {
    for await (const page of readBigQuery(config, "SELECT 1 AS ok", { maxRows: 1, timeoutMs: 30_000 })) void page;
    return { ok: true };
  } catch (error) {
    if (error instanceof ConnectorError) return { ok: false, message: error.message };
    throw error;
  }
}
