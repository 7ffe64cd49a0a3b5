import type { CheckOptions, CheckResult, WriteAccess } from "../types";
import { close, connectMysql, run } from "./connect";
import { describeMysqlError } from "./describe-error";
import { mysqlWriteAccess } from "./privileges";
import type { TMysqlConfig } from "./spec";

export async function checkMysql(config: TMysqlConfig, options: CheckOptions = {}): Promise<CheckResult> {
  try {
    const connection = await connectMysql(config);
    let writeAccess: WriteAccess | undefined;
    try {
      await run(connection, "SELECT 1");
      // Only a warning: grants this check cannot read must not stop the database being saved.
      if (options.privileges) writeAccess = await mysqlWriteAccess(connection, config).catch(() => undefined);
    } finally {
      await close(connection);
    }
    return { ok: true, ...(writeAccess && { writeAccess }) };
  } catch (error) {
    return { ok: false, message: describeMysqlError(error, config) };
  }
}
