// The second look, through node-sql-parser's grammar: when it reads the query, it must be one SELECT
// with no write anywhere in its tree (a data-modifying CTE, SELECT … INTO). A query the parser cannot
// read is left to the token checks, which have already run: vendors' syntax it lacks (table hints,
// FLATTEN, UNNEST corner cases) must not be refused for that.
import { createRequire } from "node:module";
import type { Parser } from "node-sql-parser";
import { READ_ONLY_MESSAGE, type SqlDialect } from "./dialect";

// The package's main build holds every dialect's grammar (about 100 MB resident); each dialect's own
// build is a few MB, so only the dialects in use are loaded. The paths are literal for bundlers.
const require = createRequire(import.meta.url);
const DIALECT_BUILDS: Record<SqlDialect, () => { Parser: typeof Parser }> = {
  postgresql: () => require("node-sql-parser/build/postgresql"),
  redshift: () => require("node-sql-parser/build/redshift"),
  mysql: () => require("node-sql-parser/build/mysql"),
  mariadb: () => require("node-sql-parser/build/mariadb"),
  transactsql: () => require("node-sql-parser/build/transactsql"),
  snowflake: () => require("node-sql-parser/build/snowflake"),
  bigquery: () => require("node-sql-parser/build/bigquery"),
};
const parsers = new Map<SqlDialect, Parser>();

function parserFor(dialect: SqlDialect): Parser {
  let parser = parsers.get(dialect);
  if (!parser) parsers.set(dialect, (parser = new (DIALECT_BUILDS[dialect]().Parser)()));
  return parser;
}

// Statement kinds that must not appear anywhere in the tree.
const WRITE_TYPES = new Set([
  "insert", "update", "delete", "replace", "merge", "create", "drop", "alter", "truncate", "rename",
  "grant", "revoke", "lock", "unlock", "call", "exec", "execute", "set", "use", "transaction", "load_data",
]);

export function parseProblem(sql: string, dialect: SqlDialect): string | undefined {
  let statements: unknown[];
  try {
    const ast = parserFor(dialect).astify(sql, { database: dialect });
    statements = (Array.isArray(ast) ? ast : [ast]).filter((statement) => statement !== null && statement !== undefined);
  } catch {
    return undefined;
  }
  if (statements.length !== 1) return `${READ_ONLY_MESSAGE} This query has ${statements.length} statements.`;
  const [statement] = statements as { type?: string; into?: { position?: unknown } }[];
  if (statement.type !== "select") return `${READ_ONLY_MESSAGE} This query is ${article(statement.type)}.`;
  if (statement.into?.position) return `${READ_ONLY_MESSAGE} SELECT … INTO writes its result, so it is refused.`;
  const nested = findWrite(statement);
  if (nested) return `${READ_ONLY_MESSAGE} This query contains ${article(nested)}.`;
  return undefined;
}

function article(type: string | undefined): string {
  const word = (type ?? "unknown").toUpperCase().replace(/_/g, " ");
  return `${/^[AEIOU]/.test(word) ? "an" : "a"} ${word} statement`;
}

function findWrite(node: unknown, depth = 0): string | undefined {
  if (depth > 200 || node === null || typeof node !== "object") return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findWrite(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = node as Record<string, unknown>;
  // Only statement nodes carry these keys next to their type; expression nodes reuse some words.
  if (typeof record.type === "string" && WRITE_TYPES.has(record.type) && ("table" in record || "name" in record || "keyword" in record)) {
    return record.type;
  }
  if (record.into && typeof record.into === "object" && (record.into as { position?: unknown }).position) return "SELECT … INTO";
  for (const value of Object.values(record)) {
    const found = findWrite(value, depth + 1);
    if (found) return found;
  }
  return undefined;
}
