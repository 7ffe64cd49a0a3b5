// The checks on the lexer's tokens: one statement, starting with SELECT or WITH, and none of the
// words, calls and clauses that write, lock or reach outside the query.
import { READ_ONLY_MESSAGE, type SqlDialect } from "./dialect";
import type { TToken } from "./lex";
import { ALWAYS_REFUSED, WORD_RULES } from "./refused-words";
import { own, sideEffectOf, sideEffectOfName } from "./side-effects";

const refuse = (reason: string) => `${READ_ONLY_MESSAGE} ${reason}`;

/** The reason the tokens are refused, or undefined when they may run. */
export function tokenProblem(all: TToken[], dialect: SqlDialect): string | undefined {
  const statements = splitStatements(all);
  if (statements.length === 0) return "The query is empty.";
  if (statements.length > 1) return refuse("This query has more than one statement.");
  const tokens = statements[0];
  const first = tokens.find((token) => token.text !== "(") ?? tokens[0];
  if (first.kind !== "word" || (first.value !== "select" && first.value !== "with")) {
    return refuse(`This query starts with ${first.kind === "word" ? first.text.toUpperCase() : `“${first.text}”`}.`);
  }
  for (let k = 0; k < tokens.length; k++) {
    const problem = tokenAt(tokens, k, dialect);
    if (problem) return refuse(problem);
  }
  return undefined;
}

/** Statements between `;`s; a leading `;` (SQL Server's `;WITH`) and trailing ones are fine. */
function splitStatements(tokens: TToken[]): TToken[][] {
  const statements: TToken[][] = [[]];
  for (const token of tokens) {
    if (token.text === ";") statements.push([]);
    else statements.at(-1)!.push(token);
  }
  return statements.filter((statement) => statement.length > 0);
}

function tokenAt(tokens: TToken[], k: number, dialect: SqlDialect): string | undefined {
  const token = tokens[k];
  const next = tokens[k + 1];
  // As written, unless escapes hide the name (U&"dblink\005fexec", `external\x5fquery`).
  const shown = token.kind === "word" ? token.text : token.unicode || token.text.includes("\\") ? token.value : token.text.slice(1, -1);
  const named = token.kind === "word" || token.kind === "name" || token.kind === "string";
  if (named && next?.text === "(") {
    const effect = sideEffectOf(dialect, token.value);
    if (effect) return `It calls ${shown}, ${effect}.`;
  }
  if (token.text === "{" && next?.value === "call") return "It contains {CALL …}, which runs a procedure.";
  const indirect = indirectCall(tokens, k, dialect);
  if (indirect) return indirect;
  if (token.kind === "name" || token.kind === "word") {
    const effect = sideEffectOfName(dialect, token.value);
    if (effect) return `It contains ${shown}, ${effect}.`;
  }
  if (token.kind !== "word") return undefined;
  const always = own(ALWAYS_REFUSED, token.value);
  if (always) return `It contains ${token.text.toUpperCase()}, which ${always}.`;
  if (isNamePart(tokens, k, dialect)) return undefined;
  return clauseProblem(tokens, k) ?? wordProblem(tokens, k, dialect);
}

/** `t.update`, Snowflake's `v:update`: a column or path element, not a keyword. */
function isNamePart(tokens: TToken[], k: number, dialect: SqlDialect): boolean {
  const before = tokens[k - 1];
  const qualifier = tokens[k - 2];
  if (before?.text === "." && qualifier && ["word", "name", "param"].includes(qualifier.kind)) return true;
  return dialect === "snowflake" && before?.text === ":";
}

const words = (tokens: TToken[], k: number, count: number) =>
  tokens
    .slice(k, k + count)
    .map((token) => (token.kind === "word" ? token.value : ""))
    .join(" ");

function clauseProblem(tokens: TToken[], k: number): string | undefined {
  const token = tokens[k];
  if (words(tokens, k, 3) === "next value for") return "It contains NEXT VALUE FOR, which advances a sequence.";
  if (token.value === "for" && /^for (update|share|no key update|key share)\b/.test(words(tokens, k, 4))) {
    return `It contains ${words(tokens, k, 2).toUpperCase()}, which locks rows.`;
  }
  if (token.value === "into") {
    const target = tokens[k + 1]?.kind === "word" ? tokens[k + 1].value : "";
    if (target === "outfile" || target === "dumpfile") return `It contains INTO ${target.toUpperCase()}, which writes a file on the database server.`;
    return "It contains INTO, which writes the result into a table or variable.";
  }
  return undefined;
}

function wordProblem(tokens: TToken[], k: number, dialect: SqlDialect): string | undefined {
  const token = tokens[k];
  const rules = WORD_RULES[dialect];
  if (rules.locks.has(token.value)) return `It contains ${token.text.toUpperCase()}, which locks rows other sessions wait for.`;
  if (!rules.bare.has(token.value)) return undefined;
  if (tokens[k + 1]?.text === "(" && !rules.evenBeforeParen) return undefined;
  return `It contains ${token.text.toUpperCase()}. A column of that name must be quoted: ${quoteName(token.text, dialect)}.`;
}

function quoteName(name: string, dialect: SqlDialect): string {
  if (dialect === "transactsql") return `[${name}]`;
  if (dialect === "mysql" || dialect === "mariadb" || dialect === "bigquery") return `\`${name}\``;
  return `"${name}"`;
}

/** Snowflake's `IDENTIFIER('name')(…)` calls a function named by a string or a variable. */
function indirectCall(tokens: TToken[], k: number, dialect: SqlDialect): string | undefined {
  if (dialect !== "snowflake" || tokens[k].value !== "identifier" || tokens[k + 1]?.text !== "(") return undefined;
  const [argument, close, open] = tokens.slice(k + 2, k + 5);
  if (close?.text !== ")" || open?.text !== "(") return undefined;
  if (argument.kind !== "string") return "It calls a function named by IDENTIFIER(…), which Tidewater cannot check.";
  const name = argument.value.split(".").at(-1)!.replace(/^"|"$/g, "");
  const effect = sideEffectOf(dialect, name);
  return effect ? `It calls ${argument.text.slice(1, -1)}, ${effect}.` : undefined;
}
