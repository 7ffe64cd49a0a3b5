// Each dialect's lexical rules, as its own server reads them. Where a server setting changes where
// a string ends (PostgreSQL's standard_conforming_strings, MySQL's NO_BACKSLASH_ESCAPES and
// ANSI_QUOTES), `backslashReadings` lists every reading, and the guard checks the query under each.
import type { SqlDialect } from "./dialect";

export type TQuote = {
  kind: "string" | "name";
  close: string;
  /** `''` inside `'…'` stands for one quote. */
  doubling: boolean;
  /** A backslash takes the next character, so `\'` does not end the string. */
  backslash: boolean;
};

export type TLexRules = {
  quotes: Record<string, TQuote>;
  /** Words that, written right before a quote, make it a string with backslash escapes (PostgreSQL `E'…'`, BigQuery `r'…'`). */
  escapePrefixes?: RegExp;
  /** BigQuery's `'''…'''` and `"""…"""`. */
  tripleQuotes?: boolean;
  /** `$tag$…$tag$` (PostgreSQL) or only `$$…$$` (Snowflake). */
  dollarQuotes?: "tagged" | "plain";
  /** MySQL: `--` starts a comment only when whitespace follows. */
  dashCommentNeedsSpace?: boolean;
  hashComments?: boolean;
  slashSlashComments?: boolean;
  /** Block comments nest (SQL Server, PostgreSQL); elsewhere a `/*` inside a comment is refused as ambiguous. */
  nestedComments?: boolean;
  /** MySQL runs `/*! … *\/` (and MariaDB `/*M! … *\/`): refused. */
  executableComments?: boolean;
  /** Characters allowed inside a bare word besides letters, digits and `_`. */
  wordChars: string;
  /** Characters that may start a bare word besides letters and `_` (SQL Server's `@var`, `#temp`). */
  wordStart?: string;
  /** `@name` is one token: a variable, parameter or stage. */
  atNames?: boolean;
  /** PostgreSQL's U&"d\0061ta" names, whose escapes are decoded before names are compared. */
  unicodeNames?: boolean;
  /** `$name`/`$1` is one token (positional columns, session variables, parameters). */
  dollarNames?: boolean;
  /** Per reading, quotes whose `backslash` differs from `quotes`. */
  backslashReadings: Array<Record<string, boolean>>;
};

const standardString: TQuote = { kind: "string", close: "'", doubling: true, backslash: false };
const doubleQuotedName: TQuote = { kind: "name", close: '"', doubling: true, backslash: false };

const postgres: TLexRules = {
  quotes: { "'": standardString, '"': doubleQuotedName },
  escapePrefixes: /^e$/i,
  unicodeNames: true,
  dollarQuotes: "tagged",
  nestedComments: true,
  wordChars: "$",
  dollarNames: true,
  // standard_conforming_strings on (the default) and off.
  backslashReadings: [{}, { "'": true }],
};

const mysql: TLexRules = {
  quotes: {
    "'": { ...standardString, backslash: true },
    '"': { kind: "string", close: '"', doubling: true, backslash: true },
    "`": { kind: "name", close: "`", doubling: true, backslash: false },
  },
  dashCommentNeedsSpace: true,
  hashComments: true,
  executableComments: true,
  wordChars: "$",
  atNames: true,
  // Default; NO_BACKSLASH_ESCAPES; ANSI_QUOTES (then "…" is a name, without backslash escapes).
  backslashReadings: [{}, { "'": false, '"': false }, { '"': false }],
};

export const LEX_RULES: Record<SqlDialect, TLexRules> = {
  postgresql: postgres,
  // Redshift's nesting of block comments is not documented: a `/*` inside one is refused.
  redshift: { ...postgres, nestedComments: false },
  mysql,
  mariadb: mysql,
  transactsql: {
    // With QUOTED_IDENTIFIER OFF "…" is a string; it ends at the same place either way.
    quotes: { "'": standardString, '"': doubleQuotedName, "[": { kind: "name", close: "]", doubling: true, backslash: false } },
    nestedComments: true,
    wordChars: "$@#",
    wordStart: "@#",
    dollarNames: true,
    backslashReadings: [{}],
  },
  snowflake: {
    quotes: { "'": { ...standardString, backslash: true }, '"': doubleQuotedName },
    dollarQuotes: "plain",
    slashSlashComments: true,
    wordChars: "$",
    atNames: true,
    dollarNames: true,
    backslashReadings: [{}],
  },
  bigquery: {
    quotes: {
      "'": { kind: "string", close: "'", doubling: false, backslash: true },
      '"': { kind: "string", close: '"', doubling: false, backslash: true },
      "`": { kind: "name", close: "`", doubling: false, backslash: true },
    },
    // Raw and bytes literals: in a raw string `\'` still does not end it, so the rule is the same.
    escapePrefixes: /^(r|b|rb|br)$/i,
    tripleQuotes: true,
    hashComments: true,
    wordChars: "",
    atNames: true,
    backslashReadings: [{}],
  },
};
