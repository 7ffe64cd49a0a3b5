import type { CheckResult } from "../types";
import { close, connectMysql, run } from "./connect";
import { describeMysqlError } from "./describe-error";
import type { TMysqlConfig } from "./spec";

export async function checkMysql(config: TMysqlConfig): Promise<CheckResult> {
  try {
    const connection = await connectMysql(config);
    try {
      await run(connection, "SELECT 1");
    } finally {
      await close(connection);
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, message: describeMysqlError(error, config) };
  }
}
