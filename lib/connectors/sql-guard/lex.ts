// Splits a query into tokens by its dialect's rules (lex-rules.ts), dropping comments. Whatever it
// cannot read with certainty — an unclosed string, comment or quoted name, a character it does not
// know, an executable comment — is a problem, never a guess.
import type { TLexRules, TQuote } from "./lex-rules";

export type TToken = {
  kind: "word" | "name" | "string" | "number" | "param" | "punct";
  /** As written. */
  text: string;
  /** Words, and names and strings without their quotes and escapes, case-folded (see `fold`). */
  value: string;
  at: number;
  /** PostgreSQL's U&"…" name. */
  unicode?: boolean;
};

export type TLexProblem = {
  message: string;
  /** An unclosed string or quoted name: under this reading the server could not run the query either. */
  unclosedLiteral: boolean;
};

export type TLexResult = { tokens: TToken[]; problem?: undefined } | { tokens?: undefined; problem: TLexProblem };

const SPACE = /[ \t\n\r\f\v]/;
const LETTER = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}\p{M}_]/u;
const PUNCT = /[()[\]{},;.+\-*/%<>=!~^&|?:@#\\`'"$]/;
const NUMBER = /(\d*\.?\d*)([eE][+-]?\d+)?/y;
const AT_NAME = /@@?[\p{L}\p{N}_$~]+/uy;
const DOLLAR_TAG = /\$([\p{L}_][\p{L}\p{N}_]*)?\$/uy;
const DOLLAR_NAME = /\$[\p{L}\p{N}_]+/uy;

/** The text `pattern` (sticky) matches at `at`, or "". */
function match(pattern: RegExp, sql: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(sql)?.[0] ?? "";
}

/**
 * How a server compares names: case-insensitively, by Unicode rules (`ſleep` is SLEEP to MySQL).
 * Folding both ways and dropping accents errs toward matching a refused name.
 */
export function fold(text: string): string {
  return text.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

function unescapeBackslashes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|[\s\S])/g, (_, code: string) =>
    /^[xuU]./.test(code) ? codePoint(parseInt(code.slice(1), 16)) : /^[0-7]{3}$/.test(code) ? codePoint(parseInt(code, 8)) : code,
  );
}

function unescapeUnicodeName(text: string): string {
  return text.replace(/\\(\\|[0-9a-fA-F]{4}|\+[0-9a-fA-F]{6})/g, (_, code: string) =>
    code === "\\" ? "\\" : codePoint(parseInt(code.replace("+", ""), 16)),
  );
}

/** An escape past U+10FFFF is an error on the server; here it becomes a character no name holds. */
function codePoint(code: number): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
}

class LexError extends Error {
  constructor(
    message: string,
    readonly unclosedLiteral = false,
  ) {
    super(message);
  }
}

/** Tokens of `sql` under `rules`, with `backslash` overriding which quotes take backslash escapes. */
export function lex(sql: string, rules: TLexRules, backslash: Record<string, boolean> = {}): TLexResult {
  try {
    return { tokens: new Lexer(sql, rules, backslash).run() };
  } catch (error) {
    if (error instanceof LexError) return { problem: { message: error.message, unclosedLiteral: error.unclosedLiteral } };
    throw error;
  }
}

/** "line 2, column 5", for messages about a position in the query. */
export function describePosition(sql: string, at: number): string {
  const before = sql.slice(0, at);
  const line = before.split("\n").length;
  return `line ${line}, column ${at - before.lastIndexOf("\n")}`;
}

class Lexer {
  private i = 0;
  private readonly tokens: TToken[] = [];

  constructor(
    private readonly sql: string,
    private readonly rules: TLexRules,
    private readonly backslash: Record<string, boolean>,
  ) {}

  run(): TToken[] {
    const { sql, tokens } = this;
    while (this.i < sql.length) {
      const c = sql[this.i];
      if (SPACE.test(c)) this.i++;
      else if (!this.comment()) this.token(c);
    }
    const unicode = tokens.findIndex((token, k) => token.unicode && tokens[k + 1]?.value === "uescape");
    if (unicode !== -1) throw new LexError(`The name at ${this.where(tokens[unicode].at)} chooses its own escape character (UESCAPE).`);
    return tokens;
  }

  private where(at: number) {
    return describePosition(this.sql, at);
  }

  /** Skips a comment at the cursor; false when none starts here. */
  private comment(): boolean {
    const { sql, rules, i } = this;
    const two = sql.slice(i, i + 2);
    if (two === "--" && (!rules.dashCommentNeedsSpace || i + 2 >= sql.length || SPACE.test(sql[i + 2]))) return this.lineComment();
    if ((sql[i] === "#" && rules.hashComments) || (two === "//" && rules.slashSlashComments)) return this.lineComment();
    if (two !== "/*") return false;
    if (rules.executableComments && /^\/\*(!|M!)/.test(sql.slice(i, i + 4))) {
      throw new LexError(`There is an executable comment (/*!…*/) at ${this.where(i)}: MySQL runs what it holds.`);
    }
    let depth = 1;
    let j = i + 2;
    while (depth > 0) {
      const close = sql.indexOf("*/", j);
      const open = sql.indexOf("/*", j);
      if (close === -1) throw new LexError(`The comment starting at ${this.where(i)} is not closed.`);
      if (open !== -1 && open < close) {
        if (!rules.nestedComments) {
          throw new LexError(`There is a nested comment at ${this.where(open)}, which this database may end elsewhere.`);
        }
        depth++;
        j = open + 2;
      } else {
        depth--;
        j = close + 2;
      }
    }
    this.i = j;
    return true;
  }

  private lineComment(): boolean {
    const { sql } = this;
    const end = sql.slice(this.i).search(/[\r\n]/);
    if (end === -1) {
      this.i = sql.length;
      return true;
    }
    const stop = this.i + end;
    // Servers differ on whether a lone carriage return ends a line comment.
    if (sql[stop] === "\r" && sql[stop + 1] !== "\n") {
      throw new LexError(`A comment at ${this.where(this.i)} ends in a lone carriage return, which databases read differently.`);
    }
    this.i = stop;
    return true;
  }

  private push(kind: TToken["kind"], from: number, value?: string, unicode?: boolean) {
    const text = this.sql.slice(from, this.i);
    this.tokens.push({ kind, text, value: fold(value ?? text), at: from, ...(unicode ? { unicode } : {}) });
  }

  private token(c: string) {
    const { sql, rules } = this;
    const start = this.i;
    if (rules.tripleQuotes && (c === "'" || c === '"') && sql.startsWith(c.repeat(3), start)) return this.triple(start, c, start);
    const quote = rules.quotes[c];
    if (quote) return this.quoted(start, start, quote);
    if (c === "$" && this.dollar(start)) return;
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[start + 1] ?? ""))) {
      this.i = start + match(NUMBER, sql, start).length;
      return this.push("number", start);
    }
    if (LETTER.test(c) || rules.wordStart?.includes(c)) return this.word(start);
    if (c === "@" && rules.atNames && match(AT_NAME, sql, start)) {
      this.i = start + match(AT_NAME, sql, start).length;
      return this.push("param", start);
    }
    if (PUNCT.test(c)) {
      this.i = start + (sql.startsWith("::", start) ? 2 : 1);
      return this.push("punct", start);
    }
    const code = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    throw new LexError(`The query holds a character Tidewater does not read (U+${code}) at ${this.where(start)}.`);
  }

  private word(start: number) {
    const { sql, rules } = this;
    let j = start + 1;
    while (j < sql.length && (WORD_PART.test(sql[j]) || rules.wordChars.includes(sql[j]))) j++;
    this.i = j;
    const text = sql.slice(start, j);
    const next = sql[j];
    if (rules.unicodeNames && (text === "u" || text === "U") && sql.startsWith('&"', j)) return this.quoted(j + 1, start, rules.quotes['"'], false, true);
    if (next && rules.quotes[next]?.kind === "string" && rules.escapePrefixes?.test(text)) {
      if (rules.tripleQuotes && sql.startsWith(next.repeat(3), j)) return this.triple(j, next, start);
      return this.quoted(j, start, { ...rules.quotes[next], backslash: true }, true);
    }
    this.push("word", start);
  }

  /** A quote opening at `open`; the token starts at `from` (before any prefix). */
  private quoted(open: number, from: number, quote: TQuote, prefixed = false, unicode = false) {
    const { sql } = this;
    const opener = sql[open];
    const backslash = prefixed ? true : (this.backslash[opener] ?? quote.backslash);
    let j = open + 1;
    let value = "";
    for (;;) {
      if (j >= sql.length) throw this.unclosed(quote, from);
      const ch = sql[j];
      if (backslash && ch === "\\") {
        value += sql.slice(j, j + 2);
        j += 2;
        continue;
      }
      if (ch === quote.close) {
        if (quote.doubling && sql[j + 1] === quote.close) {
          value += ch;
          j += 2;
          continue;
        }
        break;
      }
      value += ch;
      j++;
    }
    this.i = j + 1;
    if (unicode) value = unescapeUnicodeName(value);
    // BigQuery reads escapes in quoted names too: `external\x5fquery` is external_query.
    else if (quote.kind === "name" && backslash) value = unescapeBackslashes(value);
    this.push(quote.kind, from, value, unicode);
  }

  private triple(open: number, quoteChar: string, from: number) {
    const { sql } = this;
    const close = quoteChar.repeat(3);
    let j = open + 3;
    for (;;) {
      if (j >= sql.length) throw this.unclosed({ kind: "string" } as TQuote, from);
      if (sql[j] === "\\") j += 2;
      else if (sql.startsWith(close, j)) break;
      else j++;
    }
    this.i = j + 3;
    this.push("string", from, sql.slice(open + 3, j));
  }

  /** `$tag$…$tag$`, `$$…$$`, `$1` or `$name`; false for a lone `$`. */
  private dollar(start: number): boolean {
    const { sql, rules } = this;
    const tag =
      rules.dollarQuotes === "tagged" ? match(DOLLAR_TAG, sql, start) || undefined
      : rules.dollarQuotes === "plain" && sql.startsWith("$$", start) ? "$$"
      : undefined;
    if (tag) {
      const end = sql.indexOf(tag, start + tag.length);
      if (end === -1) throw this.unclosed({ kind: "string" } as TQuote, start);
      this.i = end + tag.length;
      this.push("string", start, sql.slice(start + tag.length, end));
      return true;
    }
    const name = rules.dollarNames ? match(DOLLAR_NAME, sql, start) || undefined : undefined;
    if (!name) return false;
    if (sql[start + name.length] === "$") {
      throw new LexError(`"${name}$" at ${this.where(start)} can be read as a name or as the start of a $-quoted string.`);
    }
    this.i = start + name.length;
    this.push("param", start);
    return true;
  }

  private unclosed(quote: TQuote, from: number) {
    const what = quote.kind === "name" ? "quoted name" : "string";
    return new LexError(`The ${what} starting at ${this.where(from)} is not closed.`, true);
  }
}
