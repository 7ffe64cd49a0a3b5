import type { CheckOptions, CheckResult, WriteAccess } from "../types";
import { connectMssql } from "./connect";
import { describeMssqlError } from "./describe-error";
import { mssqlWriteAccess } from "./privileges";
import type { TMssqlConfig } from "./spec";

export async function checkMssql(config: TMssqlConfig, options: CheckOptions = {}): Promise<CheckResult> {
  try {
    const writeAccess = await trySelect(config, options.privileges);
    return { ok: true, ...(writeAccess && { writeAccess }) };
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

async function trySelect(config: TMssqlConfig, privileges = false): Promise<WriteAccess | undefined> {
  const pool = await connectMssql(config, 15_000);
  try {
    await pool.request().batch("SELECT 1 AS ok");
    // Only a warning: permissions this check cannot read must not stop the database being saved.
    return privileges ? await mssqlWriteAccess(pool, config).catch(() => undefined) : undefined;
  } finally {
    await pool.close().catch(() => {});
  }
}
