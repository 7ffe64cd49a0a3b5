// Refuses anything but one SELECT/WITH statement before it reaches the database. Databases with a
// read-only transaction enforce it again; for the others (SQL Server, Snowflake, BigQuery) this is
// the gate, so it errs on the side of refusing. The query is read by its dialect's own lexical rules
// (sql-guard/lex-rules.ts), under every reading a server setting allows, then checked token by token
// (sql-guard/check-tokens.ts) and, where node-sql-parser reads it, in its parse tree.
import { parseProblem } from "./sql-guard/check-parse";
import { tokenProblem } from "./sql-guard/check-tokens";
import { READ_ONLY_MESSAGE, type SqlDialect } from "./sql-guard/dialect";
import { lex } from "./sql-guard/lex";
import { LEX_RULES } from "./sql-guard/lex-rules";
import { ConnectorError } from "./types";

export { READ_ONLY_MESSAGE, type SqlDialect };

/** Throws a ConnectorError unless `sql` is exactly one read-only SELECT/WITH statement. */
export function assertReadOnlySelect(sql: string, dialect: SqlDialect): void {
  const problem = readOnlyProblem(sql, dialect);
  if (problem) throw new ConnectorError(problem);
}

/** The reason `sql` is refused, or undefined when it may run. */
export function readOnlyProblem(sql: string, dialect: SqlDialect): string | undefined {
  const rules = LEX_RULES[dialect];
  const readings = rules.backslashReadings.map((backslash) => lex(sql, rules, backslash));
  const lexed = readings.flatMap((reading) => (reading.tokens ? [reading.tokens] : []));
  // A reading whose string never closes is one the server refuses too (it is not in that mode);
  // any other problem, or no reading at all, refuses the query.
  for (const reading of readings) {
    if (reading.problem && (!reading.problem.unclosedLiteral || lexed.length === 0)) return `${READ_ONLY_MESSAGE} ${reading.problem.message}`;
  }
  for (const tokens of lexed) {
    const problem = tokenProblem(tokens, dialect);
    if (problem) return problem;
  }
  return parseProblem(sql, dialect);
}
