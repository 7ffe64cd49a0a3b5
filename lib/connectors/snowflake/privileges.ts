import type { Connection } from "snowflake-sdk";
import type { WriteAccess } from "../types";
import { execute } from "./read";
import type { TSnowflakeConfig } from "./spec";

const WRITES = new Set(["OWNERSHIP", "ALL", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "MODIFY", "REBUILD"]);
// System roles that can change anything in the account.
const ADMIN_ROLES = new Set(["ACCOUNTADMIN", "SYSADMIN", "SECURITYADMIN", "USERADMIN", "ORGADMIN"]);

type Grant = { privilege?: string; granted_on?: string; name?: string };

/** Write privileges in `SHOW GRANTS TO ROLE` rows: OWNERSHIP, INSERT…, any CREATE, an admin role. */
export function writePrivilegesInSnowflakeGrants(role: string, grants: Grant[]): string[] {
  const found: string[] = [];
  if (ADMIN_ROLES.has(role.toUpperCase())) found.push(`role ${role}`);
  for (const { privilege = "", granted_on: on = "", name = "" } of grants) {
    const upper = privilege.toUpperCase();
    if (WRITES.has(upper) || upper.startsWith("CREATE ")) found.push(`${upper} on ${on} ${name}`.trim());
    else if (upper === "USAGE" && on.toUpperCase() === "ROLE" && ADMIN_ROLES.has(name.toUpperCase())) found.push(`role ${name}`);
  }
  return found;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The docs' role and user ("Set up …": CREATE ROLE, GRANT USAGE ON WAREHOUSE / DATABASE, CREATE
 * USER, GRANT ROLE), with this source's warehouse and database, reading only: SELECT instead of
 * the docs' GRANT CREATE SCHEMA, which is for a state schema Tidewater does not keep.
 */
export function snowflakeReadOnlyGrants(config: TSnowflakeConfig, role = "tidewater_reverse_etl"): string[] {
  const database = quote(config.database);
  return [
    `CREATE ROLE ${role};`,
    `GRANT USAGE ON WAREHOUSE ${quote(config.warehouse)} TO ROLE ${role};`,
    `GRANT USAGE ON DATABASE ${database} TO ROLE ${role};`,
    `GRANT USAGE ON ALL SCHEMAS IN DATABASE ${database} TO ROLE ${role};`,
    `GRANT SELECT ON ALL TABLES IN DATABASE ${database} TO ROLE ${role};`,
    `GRANT SELECT ON FUTURE TABLES IN DATABASE ${database} TO ROLE ${role};`,
    `CREATE USER ${role}_user MUST_CHANGE_PASSWORD = FALSE DEFAULT_ROLE = ${role} PASSWORD = '<enter password here>';`,
    `GRANT ROLE ${role} TO USER ${role}_user;`,
  ];
}

export async function snowflakeWriteAccess(connection: Connection, config: TSnowflakeConfig): Promise<WriteAccess | undefined> {
  const [current] = (await execute(connection, "SELECT CURRENT_ROLE() AS ROLE")) as { ROLE?: string }[];
  const role = current?.ROLE;
  if (!role) return undefined;
  const grants = (await execute(connection, `SHOW GRANTS TO ROLE ${quote(role)}`)) as Grant[];
  const found = writePrivilegesInSnowflakeGrants(role, grants);
  return found.length > 0 ? { found, readOnlyGrants: snowflakeReadOnlyGrants(config) } : undefined;
}
