import pg from "pg";
import type { CheckResult } from "../types";
import { clientConfig } from "./connect";
import { describePostgresError } from "./describe-error";
import type { TPostgresConfig } from "./spec";

export async function checkPostgres(config: TPostgresConfig): Promise<CheckResult> {
  const client = new pg.Client(clientConfig(config));
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, message: describePostgresError(error, config) };
  } finally {
    await client.end().catch(() => {});
  }
}
