import {
  StatementType,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
} from "@duckdb/node-api";
import { z } from "zod";

import {
  ConnectorError,
  DEFAULT_PAGE_SIZE,
  DEFAULT_TIMEOUT_MS,
  type ReadOptions,
  type ResultPage,
} from "../types";
import { connectDemo } from "./database";
import { ZDemoConfigSchema } from "./spec";
import { toDemoValue } from "./values";

export const READ_ONLY_MESSAGE =
  "The demo source runs read-only queries: only a single SELECT or WITH statement is allowed.";
export const CANCELLED_MESSAGE = "The query was cancelled.";

// What extractStatements fails with when there are no statements (blank input, only comments): a
// parse error always carries DuckDB's own message instead.
const NO_STATEMENTS = "Error in native callback";

/**
 * Stops the query on a connection (DuckDB has no statement timeout, so a timer interrupts it) and
 * remembers why, so the interrupted call fails with that reason rather than "Interrupted!".
 */
function stopper(connection: DuckDBConnection, options: ReadOptions) {
  let reason: string | undefined;
  const stop = (why: string) => {
    reason ??= why;
    connection.interrupt();
  };
  const onAbort = () => stop(CANCELLED_MESSAGE);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limit = timeoutMs >= 60_000 ? `${Math.round(timeoutMs / 60_000)} min` : `${Math.ceil(timeoutMs / 1000)} s`;
  const timer = setTimeout(() => stop(`The query ran longer than ${limit} and was stopped.`), timeoutMs);
  timer.unref(); // an abandoned read must not keep the process alive for the timeout's length
  options.signal?.addEventListener("abort", onAbort, { once: true });
  /** Throws if the query was stopped. */
  const check = () => {
    if (reason) throw new ConnectorError(reason, { cause: options.signal?.reason });
  };
  return {
    check,
    /** Runs one DuckDB call, turning its errors into ConnectorErrors with DuckDB's message. */
    async call<T>(run: () => Promise<T>): Promise<T> {
      try {
        return await run();
      } catch (error) {
        check();
        const message = error instanceof Error ? error.message : String(error);
        // The wrapper prefixes parser errors; the rest is DuckDB's own message.
        throw new ConnectorError(message.replace(/^Failed to extract statements: /, ""), { cause: error });
      }
    },
    release() {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * Prepares `sql` only if it is exactly one statement that DuckDB itself classifies as a SELECT
 * (WITH, FROM-first, VALUES, DESCRIBE, SHOW and PRAGMA listings all are). Preparing plans the
 * statement without running it, so anything else is refused before it can touch the sample.
 */
async function prepareReadOnly(
  connection: DuckDBConnection,
  sql: string,
  stop: ReturnType<typeof stopper>,
): Promise<DuckDBPreparedStatement> {
  const statements = await stop.call(() => connection.extractStatements(sql)).catch((error: unknown) => {
    if (error instanceof ConnectorError && error.message === NO_STATEMENTS) {
      throw new ConnectorError("The query is empty.", { cause: error });
    }
    throw error;
  });
  if (statements.count !== 1) throw new ConnectorError(READ_ONLY_MESSAGE);
  const prepared = await stop.call(() => statements.prepare(0));
  if (prepared.statementType !== StatementType.SELECT) {
    prepared.destroySync();
    throw new ConnectorError(READ_ONLY_MESSAGE);
  }
  return prepared;
}

/**
 * Streams a query over the sample database in pages of `pageSize` rows, converting DuckDB's
 * values chunk by chunk. A result with no rows still yields one empty page, so callers learn its
 * columns. Aborting (or the timeout) interrupts the query and fails with a ConnectorError.
 */
export async function* readDemo(
  config: z.input<typeof ZDemoConfigSchema>,
  sql: string,
  options: ReadOptions = {},
): AsyncGenerator<ResultPage> {
  const parsed = ZDemoConfigSchema.safeParse(config ?? {});
  if (!parsed.success) throw new ConnectorError(`Invalid demo source settings: ${z.prettifyError(parsed.error)}`);
  if (options.signal?.aborted) throw new ConnectorError(CANCELLED_MESSAGE, { cause: options.signal.reason });
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;

  const connection = await connectDemo({ touchRecentRows: true });
  const stop = stopper(connection, options);
  try {
    const prepared = await prepareReadOnly(connection, sql, stop);
    const result = await stop.call(() => prepared.stream());
    const columns = result.columnNames();
    const types = result.columnTypes();

    let rows: unknown[][] = [];
    let read = 0;
    let yielded = false;
    while (read < maxRows) {
      const chunk = await stop.call(() => result.fetchChunk());
      if (!chunk || chunk.rowCount === 0) break;
      for (const values of chunk.getRows()) {
        rows.push(values.map((value, column) => toDemoValue(value, types[column])));
        read += 1;
        if (rows.length === pageSize) {
          yield { columns, rows };
          yielded = true;
          rows = [];
          stop.check();
        }
        if (read >= maxRows) break;
      }
    }
    if (rows.length > 0 || !yielded) yield { columns, rows };
  } finally {
    stop.release();
    connection.closeSync();
  }
}
