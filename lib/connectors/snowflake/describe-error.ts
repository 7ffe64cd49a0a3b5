import type { TSnowflakeConfig } from "./spec";

/** Snowflake's failure in words a person can act on; Snowflake's own text stays at the end. */
export function describeSnowflakeError(error: unknown, config: TSnowflakeConfig): string {
  const err = error as { code?: string | number; message?: string; cause?: { code?: string } };
  const detail = err.message ?? String(error);
  const code = String(err.code ?? "");
  // 390100: wrong user or password; 390144: JWT not accepted (wrong key pair).
  if (code === "390100" || /Incorrect username or password/i.test(detail)) return `Wrong user name or password for user "${config.user}" (${detail}).`;
  if (code === "390144" || /JWT token is invalid/i.test(detail)) {
    return `Snowflake did not accept the key pair for user "${config.user}": set this key's public half on the user (ALTER USER … SET RSA_PUBLIC_KEY) (${detail}).`;
  }
  if (code === "390201" || /does not exist or not authorized/i.test(detail) && /database|warehouse|role/i.test(detail)) {
    return `Snowflake does not know the database, warehouse or role, or user "${config.user}" may not use it (${detail}).`;
  }
  if (code === "002003" || /does not exist or not authorized/i.test(detail)) return `Permission denied, or the object does not exist: ${detail}`;
  if (code === "003001" || /Insufficient privileges/i.test(detail)) return `Permission denied: ${detail}`;
  if (code === "000604" || /cancel/i.test(detail)) return "The query was cancelled.";
  if (code === "000630" || /timeout/i.test(detail) && /statement/i.test(detail)) return `The query ran longer than its time limit and was stopped (${detail}).`;
  const network = err.cause?.code ?? code;
  if (/ENOTFOUND|EAI_AGAIN/.test(network) || /ENOTFOUND/.test(detail)) return `Snowflake account "${config.account}" not found. Check the account identifier.`;
  if (/ECONNREFUSED|ETIMEDOUT|ECONNRESET/.test(network) || /ECONNREFUSED|ETIMEDOUT|Network error/i.test(detail)) {
    return `Could not reach Snowflake for account "${config.account}" (${detail}). Check the account identifier and any network policy or allowlist.`;
  }
  return detail;
}
