import type { CheckResult } from "../types";
import { connectSnowflake, destroy } from "./connect";
import { describeSnowflakeError } from "./describe-error";
import { execute } from "./read";
import type { TSnowflakeConfig } from "./spec";

export async function checkSnowflake(config: TSnowflakeConfig): Promise<CheckResult> {
  try {
    const connection = await connectSnowflake(config);
    try {
      // Using the warehouse proves it exists and the role may use it; login alone does not.
      await execute(connection, "SELECT CURRENT_WAREHOUSE(), CURRENT_DATABASE()");
    } finally {
      await destroy(connection);
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, message: describeSnowflakeError(error, config) };
  }
}
