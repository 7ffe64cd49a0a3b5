import pg from "pg";
import type { CheckOptions, CheckResult } from "../types";
import { clientConfig } from "./connect";
import { describePostgresError } from "./describe-error";
import { postgresWriteAccess } from "./privileges";
import type { TPostgresConfig } from "./spec";

export async function checkPostgres(config: TPostgresConfig, options: CheckOptions = {}): Promise<CheckResult> {
  const client = new pg.Client(clientConfig(config));
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    if (!options.privileges) return { ok: true };
    // Only a warning: a catalog this check cannot read must not stop the database being saved.
    const writeAccess = await postgresWriteAccess(client, config).catch(() => undefined);
    return { ok: true, ...(writeAccess && { writeAccess }) };
  } catch (error) {
    return { ok: false, message: describePostgresError(error, config) };
  } finally {
    await client.end().catch(() => {});
  }
}
