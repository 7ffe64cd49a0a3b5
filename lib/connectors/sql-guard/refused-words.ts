// Keywords that write or start another statement, per dialect. A bare word (not quoted, not a
// column of a qualified name) from these lists refuses the query.
import type { SqlDialect } from "./dialect";

/** Refused in every form: before `(`, qualified, anywhere. */
export const ALWAYS_REFUSED: Record<string, string> = {
  exec: "runs other statements",
  execute: "runs other statements",
  openquery: "runs a query on another server",
  openrowset: "reads from another server or a file",
  opendatasource: "reads from another server",
};

// Every statement that writes holds one of these words outside any function call.
const WRITES = ["insert", "update", "delete", "merge", "drop", "alter", "create", "truncate", "grant", "revoke", "upsert"];

// SQL Server runs `SELECT 1 DROP TABLE t` as two statements without a `;`, so every word that starts a
// statement there is refused, and these are refused before `(` too (`EXEC('…')`, `WAITFOR (RECEIVE …)`).
const TRANSACT_SQL = [
  ...WRITES, "waitfor", "while", "declare", "begin", "commit", "rollback", "save", "set", "use", "kill", "shutdown",
  "backup", "restore", "dbcc", "reconfigure", "bulk", "goto", "deny", "revert", "setuser", "checkpoint", "readtext",
  "writetext", "updatetext", "receive", "send", "deallocate", "disable", "enable", "add", "conversation", "dialog",
];

/** Lock hints that hold locks other sessions wait on (NOLOCK and READPAST stay allowed). */
const TRANSACT_SQL_LOCKS = ["updlock", "xlock", "tablock", "tablockx", "holdlock", "paglock"];

export type TWordRules = {
  /** Refused as bare words, with a reason when the word alone does not say enough. */
  bare: ReadonlySet<string>;
  /** Bare words stay refused before `(`, where elsewhere they are functions (`TRUNCATE(x, 2)`, `INSERT(s, 1, 1, 'x')`). */
  evenBeforeParen: boolean;
  locks: ReadonlySet<string>;
};

const common: TWordRules = { bare: new Set(WRITES), evenBeforeParen: false, locks: new Set() };
// PROCEDURE ANALYSE, LOCK IN SHARE MODE, REPLACE [INTO] (a write).
const mysql: TWordRules = { ...common, bare: new Set([...WRITES, "replace", "procedure", "handler"]), locks: new Set(["lock"]) };

export const WORD_RULES: Record<SqlDialect, TWordRules> = {
  postgresql: common,
  redshift: common,
  mysql,
  mariadb: mysql,
  transactsql: { bare: new Set(TRANSACT_SQL), evenBeforeParen: true, locks: new Set(TRANSACT_SQL_LOCKS) },
  snowflake: common,
  bigquery: common,
};
