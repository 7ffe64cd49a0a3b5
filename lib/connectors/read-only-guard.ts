// Refuses anything but one SELECT/WITH statement before it reaches the database. Databases with a
// read-only transaction enforce it again; for the others (SQL Server, Snowflake, BigQuery) this is
// the gate, so it errs on the side of refusing.
import { createRequire } from "node:module";
import type { Parser } from "node-sql-parser";
import { ConnectorError } from "./types";

export type SqlDialect = "postgresql" | "redshift" | "mysql" | "mariadb" | "transactsql" | "snowflake" | "bigquery";

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

export const READ_ONLY_MESSAGE =
  "Only a single SELECT (or WITH … SELECT) statement can run here: Tidewater never changes your data.";

// Statement kinds that must not appear anywhere in the tree (a data-modifying CTE, for instance).
const WRITE_TYPES = new Set([
  "insert", "update", "delete", "replace", "merge", "create", "drop", "alter", "truncate", "rename",
  "grant", "revoke", "lock", "unlock", "call", "exec", "execute", "set", "use", "transaction", "load_data",
]);

// Reserved in every dialect here, so they cannot be bare column names: outside strings, quoted
// names and function calls (`TRUNCATE(x, 2)`) they mean a write. Checked even when the parser
// accepted the query, because T-SQL runs `SELECT 1 DROP TABLE t` as two statements without a `;`.
const WRITE_WORDS = new Set(["insert", "update", "delete", "merge", "drop", "alter", "create", "truncate", "grant", "revoke", "into"]);

// Only the fallback scan (when the parser gave up) refuses these too: they start other statements in
// some dialect. A column named like one of them must then be quoted.
const FALLBACK_WORDS = new Set([
  ...WRITE_WORDS, "exec", "execute", "waitfor", "declare", "begin", "commit", "rollback", "savepoint", "set", "use",
  "call", "lock", "unlock", "kill", "shutdown", "outfile", "dumpfile", "openrowset", "opendatasource", "bulk",
  "vacuum", "reindex", "cluster", "undrop", "put", "copy", "unload", "pragma", "listen", "notify", "load", "replace",
]);

/** Throws a ConnectorError unless `sql` is exactly one read-only SELECT/WITH statement. */
export function assertReadOnlySelect(sql: string, dialect: SqlDialect): void {
  const problem = readOnlyProblem(sql, dialect);
  if (problem) throw new ConnectorError(problem);
}

/** The reason `sql` is refused, or undefined when it may run. */
export function readOnlyProblem(sql: string, dialect: SqlDialect): string | undefined {
  const stripped = stripLiteralsAndComments(sql, dialect);
  if (stripped.trim() === "" || stripped.replace(/;/g, "").trim() === "") return "The query is empty.";
  let statements: unknown[];
  try {
    const ast = parserFor(dialect).astify(sql, { database: dialect });
    statements = Array.isArray(ast) ? ast : [ast];
  } catch {
    // node-sql-parser does not know every vendor's SELECT syntax (T-SQL table hints, Snowflake
    // FLATTEN, BigQuery UNNEST corner cases…). A valid query must not be refused for that, so fall
    // back to a conservative token scan: one statement, starting with SELECT/WITH, and none of the
    // words that write or run other statements outside string literals and quoted names.
    return tokenProblem(stripped, FALLBACK_WORDS);
  }
  statements = statements.filter((statement) => statement !== null && statement !== undefined);
  if (statements.length !== 1) return `${READ_ONLY_MESSAGE} This query has ${statements.length} statements.`;
  const [statement] = statements as { type?: string; into?: { position?: unknown } }[];
  if (statement.type !== "select") return `${READ_ONLY_MESSAGE} This query is ${article(statement.type)}.`;
  if (statement.into?.position) return `${READ_ONLY_MESSAGE} SELECT … INTO writes its result, so it is refused.`;
  const nested = findWrite(statement);
  if (nested) return `${READ_ONLY_MESSAGE} This query contains ${article(nested)}.`;
  return tokenProblem(stripped, WRITE_WORDS);
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

function tokenProblem(stripped: string, refused: ReadonlySet<string>): string | undefined {
  const body = stripped.trim().replace(/;\s*$/, "");
  if (body.includes(";")) return `${READ_ONLY_MESSAGE} This query has more than one statement.`;
  // Words not preceded by `.` or `@` (qualified names, variables) and not followed by `(` (calls).
  const words = [...body.toLowerCase().matchAll(/(?<![.:@$\w])([a-z_][a-z0-9_$]*)(?![a-z0-9_$])(?!\s*\()/g)].map((match) => match[1]);
  const first = body.replace(/^[(\s]+/, "").toLowerCase().match(/^[a-z_]+/)?.[0];
  if (first !== "select" && first !== "with") {
    return `${READ_ONLY_MESSAGE} This query starts with ${first ? first.toUpperCase() : "something else"}.`;
  }
  const write = words.find((word) => refused.has(word));
  if (write) return `${READ_ONLY_MESSAGE} It contains ${write.toUpperCase()}.`;
  return undefined;
}

/**
 * Blanks out comments, string literals and quoted identifiers (keeping their length), so that only
 * the statement's own keywords and punctuation are left to scan.
 */
export function stripLiteralsAndComments(sql: string, dialect: SqlDialect): string {
  const out: string[] = [];
  const hashComments = dialect === "mysql" || dialect === "mariadb" || dialect === "bigquery";
  const backslashEscapes = hashComments;
  let i = 0;
  const blank = (from: number, to: number) => out.push(" ".repeat(Math.max(0, to - from)));
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if ((c === "-" && next === "-") || (hashComments && c === "#") || (c === "/" && next === "/" && dialect === "snowflake")) {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"' || c === "`" || (c === "[" && dialect === "transactsql")) {
      const close = c === "[" ? "]" : c;
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (backslashEscapes && sql[j] === "\\" && c !== "`") {
          j++;
          continue;
        }
        if (sql[j] === close) {
          if (sql[j + 1] === close) {
            j++;
            continue;
          }
          break;
        }
      }
      const stop = Math.min(sql.length, j + 1);
      // Keep a placeholder so `SELECT 'a';` still reads as a value followed by a semicolon.
      out.push("x" + " ".repeat(Math.max(0, stop - i - 1)));
      i = stop;
    } else if (c === "$" && (dialect === "postgresql" || dialect === "redshift" || dialect === "snowflake")) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (!tag) {
        out.push(c);
        i++;
        continue;
      }
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end === -1 ? sql.length : end + tag.length;
      out.push("x" + " ".repeat(Math.max(0, stop - i - 1)));
      i = stop;
    } else {
      out.push(c);
      i++;
    }
  }
  return out.join("");
}
