// Splits a query into tokens by its dialect's rules (lex-rules.ts), dropping comments. Whatever it
// cannot read with certainty — an unclosed string, comment or quoted name, a character it does not
// know, an executable comment — is a problem, never a guess.
import type { TLexRules, TQuote } from "./lex-rules";

export type TToken = {
  kind: "word" | "name" | "string" | "number" | "param" | "punct";
  /** As written. */
  text: string;
  /** Words lowercased; quoted names and strings without their quotes, lowercased. */
  value: string;
  at: number;
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
    const { sql } = this;
    while (this.i < sql.length) {
      const c = sql[this.i];
      if (SPACE.test(c)) this.i++;
      else if (!this.comment()) this.token(c);
    }
    return this.tokens;
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

  private push(kind: TToken["kind"], from: number, value?: string) {
    const text = this.sql.slice(from, this.i);
    this.tokens.push({ kind, text, value: (value ?? text).toLowerCase(), at: from });
  }

  private token(c: string) {
    const { sql, rules } = this;
    const start = this.i;
    if (rules.tripleQuotes && (c === "'" || c === '"') && sql.startsWith(c.repeat(3), start)) return this.triple(start, c, start);
    const quote = rules.quotes[c];
    if (quote) return this.quoted(start, start, quote);
    if (c === "$" && this.dollar(start)) return;
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[start + 1] ?? ""))) {
      this.i = start + /^(\d*\.?\d*)([eE][+-]?\d+)?/.exec(sql.slice(start))![0].length;
      return this.push("number", start);
    }
    if (LETTER.test(c) || rules.wordStart?.includes(c)) return this.word(start);
    if (c === "@" && rules.atNames && /^@@?[\p{L}\p{N}_$~]/u.test(sql.slice(start, start + 3))) {
      this.i = start + /^@@?[\p{L}\p{N}_$~]*/u.exec(sql.slice(start))![0].length;
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
    if (next && rules.quotes[next]?.kind === "string" && rules.escapePrefixes?.test(text)) {
      if (rules.tripleQuotes && sql.startsWith(next.repeat(3), j)) return this.triple(j, next, start);
      return this.quoted(j, start, { ...rules.quotes[next], backslash: true }, true);
    }
    this.push("word", start);
  }

  /** A quote opening at `open`; the token starts at `from` (before any prefix). */
  private quoted(open: number, from: number, quote: TQuote, prefixed = false) {
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
    this.push(quote.kind, from, value);
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
      rules.dollarQuotes === "tagged" ? /^\$([\p{L}_][\p{L}\p{N}_]*)?\$/u.exec(sql.slice(start))?.[0]
      : rules.dollarQuotes === "plain" && sql.startsWith("$$", start) ? "$$"
      : undefined;
    if (tag) {
      const end = sql.indexOf(tag, start + tag.length);
      if (end === -1) throw this.unclosed({ kind: "string" } as TQuote, start);
      this.i = end + tag.length;
      this.push("string", start, sql.slice(start + tag.length, end));
      return true;
    }
    const name = rules.dollarNames ? /^\$[\p{L}\p{N}_]+/u.exec(sql.slice(start))?.[0] : undefined;
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
