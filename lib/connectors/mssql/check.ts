import type { CheckResult } from "../types";
import { connectMssql } from "./connect";
import { describeMssqlError } from "./describe-error";
import type { TMssqlConfig } from "./spec";

export async function checkMssql(config: TMssqlConfig): Promise<CheckResult> {
  try {
    await trySelect(config);
    return { ok: true };
  } catch (error) {
    // SQL Server follows "Cannot open database" with "Login failed", and the driver keeps only the
    // last; logging in to master tells a missing database from a wrong password.
    if (/Login failed for user/i.test((error as Error).message ?? "") && config.database.toLowerCase() !== "master") {
      const master = await trySelect({ ...config, database: "master" }).then(() => true, () => false);
      if (master) {
        return { ok: false, message: `Database "${config.database}" does not exist on ${config.host}:${config.port}, or user "${config.user}" may not open it.` };
      }
    }
    return { ok: false, message: describeMssqlError(error, config) };
  }
}

async function trySelect(config: TMssqlConfig) {
  const pool = await connectMssql(config, 15_000);
  try {
    await pool.request().batch("SELECT 1 AS ok");
  } finally {
    await pool.close().catch(() => {});
  }
}
