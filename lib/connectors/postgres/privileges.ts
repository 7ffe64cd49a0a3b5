import type pg from "pg";
import type { WriteAccess } from "../types";
import type { TPostgresConfig } from "./spec";

const TABLE_WRITES = ["INSERT", "UPDATE", "DELETE", "TRUNCATE"] as const;
const SHOWN_TABLES = 5;

/**
 * What the connected user may change, asked of the database: role attributes, CREATE on the
 * database or a schema, and INSERT/UPDATE/DELETE/TRUNCATE on any table or view it can see (an
 * owner or superuser has them all). Works on Redshift, whose catalog lacks pg_roles' CREATEROLE.
 */
export async function findWritePrivileges(client: pg.Client): Promise<string[]> {
  const found: string[] = [];
  const attributes = await client
    .query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user")
    .catch(() => client.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>("SELECT usesuper AS rolsuper, false AS rolcreaterole, usecreatedb AS rolcreatedb FROM pg_user WHERE usename = current_user"));
  const role = attributes.rows[0];
  if (role?.rolsuper) found.push("superuser");
  if (role?.rolcreaterole) found.push("CREATEROLE");
  if (role?.rolcreatedb) found.push("CREATEDB");
  const database = await client.query<{ name: string; create: boolean }>("SELECT current_database() AS name, has_database_privilege(current_database(), 'CREATE') AS create");
  if (database.rows[0]?.create) found.push(`CREATE on database ${database.rows[0].name}`);
  const schemas = await client.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace
     WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' AND has_schema_privilege(oid, 'CREATE') ORDER BY 1`,
  );
  for (const { name } of schemas.rows) found.push(`CREATE on schema ${name}`);
  // Redshift has no TRUNCATE privilege to ask about.
  let privileges: readonly string[] = TABLE_WRITES;
  const tables = await tableWrites(client, privileges).catch(() => {
    privileges = TABLE_WRITES.filter((privilege) => privilege !== "TRUNCATE");
    return tableWrites(client, privileges);
  });
  for (const row of tables.rows.slice(0, SHOWN_TABLES)) {
    found.push(`${privileges.filter((privilege) => row[privilege] === true).join(", ")} on ${String(row.name)}`);
  }
  if (tables.rows.length > SHOWN_TABLES) found.push(`the same on ${tables.rows.length - SHOWN_TABLES} more tables`);
  return found;
}

/** Tables and views the user may write, with a column per privilege. */
function tableWrites(client: pg.Client, privileges: readonly string[]) {
  const checks = privileges.map((privilege) => `has_table_privilege(c.oid, '${privilege}') AS "${privilege}"`).join(", ");
  return client.query<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name, ${checks}
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
     ) t WHERE ${privileges.map((privilege) => `"${privilege}"`).join(" OR ")} ORDER BY name`,
  );
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A read-only user, after the docs' "Set up a Service Account" (CREATE USER …): USAGE and SELECT
 * only. The docs also grant CREATE ON DATABASE, for a state schema Tidewater does not keep.
 */
export function postgresReadOnlyGrants(config: TPostgresConfig, user = "tidewater_reader"): string[] {
  const who = quoteName(user);
  return [
    `CREATE USER ${who} PASSWORD '<enter password here>';`,
    `GRANT CONNECT ON DATABASE ${quoteName(config.database)} TO ${who};`,
    `GRANT USAGE ON SCHEMA public TO ${who};`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${who};`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${who};`,
  ];
}

export async function postgresWriteAccess(client: pg.Client, config: TPostgresConfig): Promise<WriteAccess | undefined> {
  const found = await findWritePrivileges(client);
  return found.length > 0 ? { found, readOnlyGrants: postgresReadOnlyGrants(config) } : undefined;
}
