import type sql from "mssql";
import type { WriteAccess } from "../types";
import type { TMssqlConfig } from "./spec";

// Database permissions that change data or schema, as fn_my_permissions names them.
const WRITES = ["CONTROL", "ALTER", "INSERT", "UPDATE", "DELETE", "EXECUTE", "CREATE TABLE", "CREATE PROCEDURE", "CREATE VIEW", "CREATE SCHEMA", "ALTER ANY SCHEMA", "TAKE OWNERSHIP"];

/**
 * What the connected user may change: its effective database permissions (fn_my_permissions, which
 * includes what roles give), the writing database roles and sysadmin.
 */
export const MSSQL_PRIVILEGES_QUERY = `
SELECT permission_name AS found FROM fn_my_permissions(NULL, 'DATABASE') WHERE permission_name IN (${WRITES.map((name) => `'${name}'`).join(", ")})
UNION ALL SELECT 'member of ' + name FROM (VALUES ('db_owner'), ('db_datawriter'), ('db_ddladmin')) AS roles(name) WHERE IS_ROLEMEMBER(name) = 1
UNION ALL SELECT 'member of sysadmin' WHERE IS_SRVROLEMEMBER('sysadmin') = 1`.trim();

/** A read-only login and user (db_datareader); the product docs recommend read-only credentials but give no statements. */
export function mssqlReadOnlyGrants(config: TMssqlConfig, user = "tidewater_reader"): string[] {
  const database = `[${config.database.replaceAll("]", "]]")}]`;
  return [
    `CREATE LOGIN ${user} WITH PASSWORD = '<enter password here>';`,
    `USE ${database};`,
    `CREATE USER ${user} FOR LOGIN ${user};`,
    `ALTER ROLE db_datareader ADD MEMBER ${user};`,
  ];
}

export async function mssqlWriteAccess(pool: sql.ConnectionPool, config: TMssqlConfig): Promise<WriteAccess | undefined> {
  const result = await pool.request().batch<{ found: string }>(MSSQL_PRIVILEGES_QUERY);
  const found = (result.recordset ?? []).map((row) => row.found);
  return found.length > 0 ? { found, readOnlyGrants: mssqlReadOnlyGrants(config) } : undefined;
}
