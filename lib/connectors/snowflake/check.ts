import type { CheckOptions, CheckResult, WriteAccess } from "../types";
import { connectSnowflake, destroy } from "./connect";
import { describeSnowflakeError } from "./describe-error";
import { snowflakeWriteAccess } from "./privileges";
import { execute } from "./read";
import type { TSnowflakeConfig } from "./spec";

export async function checkSnowflake(config: TSnowflakeConfig, options: CheckOptions = {}): Promise<CheckResult> {
  try {
    const connection = await connectSnowflake(config);
    let writeAccess: WriteAccess | undefined;
    try {
      // Using the warehouse proves it exists and the role may use it; login alone does not.
      await execute(connection, "SELECT CURRENT_WAREHOUSE(), CURRENT_DATABASE()");
      // Only a warning: grants this check cannot read must not stop the database being saved.
      if (options.privileges) writeAccess = await snowflakeWriteAccess(connection, config).catch(() => undefined);
    } finally {
      await destroy(connection);
    }
    return { ok: true, ...(writeAccess && { writeAccess }) };
  } catch (error) {
    return { ok: false, message: describeSnowflakeError(error, config) };
  }
}
