import type mysql from "mysql2";
import type { WriteAccess } from "../types";
import { run } from "./connect";
import type { TMysqlConfig } from "./spec";

// Privileges that change data, schema, files or other users (MySQL 8 and MariaDB names).
const WRITES = new Set([
  "ALL PRIVILEGES", "INSERT", "UPDATE", "DELETE", "DELETE HISTORY", "CREATE", "DROP", "ALTER", "INDEX", "CREATE VIEW",
  "CREATE ROUTINE", "ALTER ROUTINE", "EXECUTE", "EVENT", "TRIGGER", "FILE", "SUPER", "CREATE USER", "GRANT OPTION",
  "CREATE TABLESPACE", "SHUTDOWN", "RELOAD", "REFERENCES",
]);

/** Splits `SELECT (a, b), INSERT` at the commas outside a column list. */
function splitPrivileges(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += char;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** The write privileges in `SHOW GRANTS` lines, as `INSERT, UPDATE on `app`.*`. */
export function writePrivilegesInGrants(lines: string[]): string[] {
  const found: string[] = [];
  for (const line of lines) {
    const grant = /^GRANT (.+?) ON (.+?) TO /i.exec(line);
    if (!grant) continue;
    const writes = splitPrivileges(grant[1])
      .map((privilege) => privilege.replace(/\s*\(.*\)$/, "").toUpperCase())
      .filter((privilege) => WRITES.has(privilege));
    if (/ WITH GRANT OPTION/i.test(line)) writes.push("GRANT OPTION");
    if (writes.length > 0) found.push(`${[...new Set(writes)].join(", ")} on ${grant[2].trim()}`);
  }
  return found;
}

/**
 * A read-only user for MySQL/MariaDB: SELECT on the database only. (The product docs give no
 * statements for MySQL; these follow their advice of a user with read permissions only.)
 */
export function mysqlReadOnlyGrants(config: TMysqlConfig, user = "tidewater_reader"): string[] {
  const database = `\`${config.database.replaceAll("`", "``")}\``;
  return [`CREATE USER '${user}'@'%' IDENTIFIED BY '<enter password here>';`, `GRANT SELECT ON ${database}.* TO '${user}'@'%';`];
}

export async function mysqlWriteAccess(connection: mysql.Connection, config: TMysqlConfig): Promise<WriteAccess | undefined> {
  const rows = (await run(connection, "SHOW GRANTS FOR CURRENT_USER()")) as Record<string, string>[];
  const found = writePrivilegesInGrants(rows.map((row) => String(Object.values(row)[0] ?? "")));
  return found.length > 0 ? { found, readOnlyGrants: mysqlReadOnlyGrants(config) } : undefined;
}
