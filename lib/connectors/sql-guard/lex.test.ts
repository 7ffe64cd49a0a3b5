import { describe, expect, it } from "vitest";
import { readOnlyProblem } from "../read-only-guard";
import type { SqlDialect } from "./dialect";
import { lex } from "./lex";
import { LEX_RULES } from "./lex-rules";

const words = (sql: string, dialect: SqlDialect) => lex(sql, LEX_RULES[dialect]).tokens?.map((token) => `${token.kind}:${token.text}`);

describe("lex", () => {
  it("nests block comments in SQL Server and PostgreSQL", () => {
    expect(words("SELECT /* a /* b */ c */ 1", "transactsql")).toEqual(["word:SELECT", "number:1"]);
    expect(words("SELECT /* a /* b */ c */ 1", "postgresql")).toEqual(["word:SELECT", "number:1"]);
  });

  it("reads MySQL's `--` as a comment only before whitespace, and `#` always", () => {
    expect(words("SELECT 1 --x", "mysql")).toEqual(["word:SELECT", "number:1", "punct:-", "punct:-", "word:x"]);
    expect(words("SELECT 1 -- x\n# y\n, 2", "mysql")).toEqual(["word:SELECT", "number:1", "punct:,", "number:2"]);
  });

  it("keeps `#` an operator in PostgreSQL (`#>>`, xor)", () => {
    expect(words("SELECT a #>> '{b}'", "postgresql")).toEqual(["word:SELECT", "word:a", "punct:#", "punct:>", "punct:>", "string:'{b}'"]);
  });

  it("reads BigQuery's triple-quoted and prefixed strings", () => {
    expect(words(`SELECT '''a'b''', rb"""x"y""", r'\\\\'`, "bigquery")).toEqual([
      "word:SELECT", "string:'''a'b'''", "punct:,", `string:rb"""x"y"""`, "punct:,", "string:r'\\\\'",
    ]);
  });

  it("reads PostgreSQL's E'' escapes and tagged dollar quotes", () => {
    expect(words("SELECT E'\\'', $t1$ ' $t1$", "postgresql")).toEqual(["word:SELECT", "string:E'\\''", "punct:,", "string:$t1$ ' $t1$"]);
  });

  it("reads SQL Server's [names] with ]] and N'' strings", () => {
    expect(words("SELECT [a]]b], N'x''y'", "transactsql")).toEqual(["word:SELECT", "name:[a]]b]", "punct:,", "word:N", "string:'x''y'"]);
  });

  it("reads Snowflake's backslash escapes and $$ strings", () => {
    expect(words("SELECT 'a\\'', $$ ' $$, v:x::string", "snowflake")).toEqual([
      "word:SELECT", "string:'a\\''", "punct:,", "string:$$ ' $$", "punct:,", "word:v", "punct::", "word:x", "punct:::", "word:string",
    ]);
  });
});

describe("readOnlyProblem on what the lexer cannot be sure of", () => {
  it.each<[SqlDialect, string, RegExp]>([
    ["postgresql", "SELECT 1 AS x -- comment\r; DROP TABLE t", /lone carriage return/],
    ["mysql", "SELECT 1\u00a0AS x", /U\+00A0/],
    ["transactsql", "SELECT 1 AS x\u200b", /U\+200B/],
    ["redshift", "SELECT 1 /* a /* b */ */", /nested comment/],
    ["snowflake", "SELECT $a$ AS x", /\$-quoted/],
    ["mysql", "SELECT 1 AS x /*+ hint */ /*!40100 , 2 */", /executable comment/],
    ["transactsql", "SELECT 1 AS a EXEC/**/('DROP TABLE t')", /contains EXEC/],
    ["mysql", "SELECT 1 AS x #\n; DROP TABLE t", /more than one statement/],
    ["postgresql", "(((", /starts with “\(”/],
    ["bigquery", "SELECT 1 AS `a\\U99999999b`, `sp\\x5fwho` FROM t WHERE `external\\x5fquery`(1)", /calls external_query/],
  ])("refuses in %s: %j", (dialect, sql, reason) => {
    expect(readOnlyProblem(sql, dialect)).toMatch(reason);
  });

  it.each<[SqlDialect, string]>([
    // No reading of the backslash makes these two statements: NO_BACKSLASH_ESCAPES leaves a string open.
    ["mysql", "SELECT 'it\\'s' AS a"],
    ["postgresql", "SELECT 'C:\\dir\\' AS a"],
    ["postgresql", "SELECT constructor(1), tostring(2), __proto__ FROM t"],
    ["mysql", "SELECT 1 AS x /*+ MAX_EXECUTION_TIME(1000) */"],
    ["bigquery", "SELECT 1 AS x -- comment\r\n, 2 AS y"],
  ])("accepts in %s: %j", (dialect, sql) => {
    expect(readOnlyProblem(sql, dialect)).toBeUndefined();
  });
});

describe("readOnlyProblem on seeded noise", () => {
  // Fragments that open and close the lexer's states in every order; the guard must answer, never throw.
  const pieces = ["'", '"', "`", "[", "]", "/*", "*/", "--", "#", "$", "$$", "$a$", "\\", ";", "(", ")", "e'", "r'''", 'U&"', " ", "\n", "\r",
    "exec", "drop", "x", "1", ".", ":", "@", "{", "/*!", "\u00a0", "\u017f", "\\x5f", "\\U99999999"];
  it.each<SqlDialect>(["postgresql", "redshift", "mysql", "mariadb", "transactsql", "snowflake", "bigquery"])("answers for 500 inputs in %s", (dialect) => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 500; k++) {
      const sql = "SELECT " + Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      expect(() => readOnlyProblem(sql, dialect)).not.toThrow();
    }
  });
});
