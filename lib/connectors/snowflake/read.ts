import type { Readable } from "node:stream";
import type { Connection, RowStatement } from "snowflake-sdk";
import { paginate } from "../pages";
import { assertReadOnlySelect } from "../read-only-guard";
import { ConnectorError, DEFAULT_TIMEOUT_MS, type ReadOptions, type ResultPage } from "../types";
import { abortion, cancelledError, cancelStatement } from "./cancel";
import { connectSnowflake, destroy } from "./connect";
import { describeSnowflakeError } from "./describe-error";
import type { TSnowflakeConfig } from "./spec";
import { snowflakeValue } from "./values";

/** Runs a statement to completion, for the session settings and the connection check. */
export function execute(connection: Connection, sqlText: string): Promise<unknown[]> {
  return new Promise((resolve, reject) =>
    connection.execute({ sqlText, complete: (error, _statement, rows) => (error ? reject(error) : resolve(rows ?? [])) }),
  );
}

/**
 * Streams a query with `streamResult` (without it snowflake-sdk buffers the whole result) through
 * `streamRows()`, whose stream fetches result chunks only as the consumer reads. Snowflake has no
 * read-only transaction. Besides the statement guard, Snowflake itself refuses a second statement
 * (MULTI_STATEMENT_COUNT = 1, on the session and on the request, so no setting elsewhere can raise
 * it), and the query runs inside a transaction that is always rolled back: a statement the SDK
 * reports as DML (it counts updated rows only for DML) is refused and its change undone. DDL
 * commits by itself in Snowflake, and the SDK exposes no statement type beyond that; the guard and
 * a read-only role are what stop DDL.
 */
export async function* readSnowflake(config: TSnowflakeConfig, sql: string, options: ReadOptions = {}): AsyncGenerator<ResultPage> {
  assertReadOnlySelect(sql, "snowflake");
  if (options.signal?.aborted) throw cancelledError();
  const fail = (error: unknown): never => {
    throw new ConnectorError(describeSnowflakeError(error, config), { cause: error });
  };
  // Every wait races the abort: an abort at any moment rejects the read at once.
  const aborted = abortion(options.signal);
  const untilAborted = <T>(work: Promise<T>) => Promise.race([work, aborted.promise]);
  const connecting = connectSnowflake(config).catch(fail);
  let connection: Connection;
  try {
    connection = await untilAborted(connecting);
  } catch (error) {
    aborted.dispose();
    void connecting.then(destroy, () => {}); // aborted while logging in: log out once logged in
    throw error;
  }
  let statement: RowStatement | undefined;
  let settled: Promise<unknown> | undefined;
  let stream: Readable | undefined;
  let pending: Promise<unknown> | undefined;
  let inTransaction = false;
  const run = (sqlText: string) => untilAborted((pending = execute(connection, sqlText).catch(fail)));
  try {
    const timeoutSeconds = Math.max(1, Math.ceil((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000));
    await run(`ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${timeoutSeconds} MULTI_STATEMENT_COUNT = 1`);
    inTransaction = true; // ROLLBACK without a transaction is harmless; a BEGIN cut short must not stay open
    await run("BEGIN TRANSACTION");
    const started = new Promise<RowStatement>((resolve, reject) => {
      statement = connection.execute({
        sqlText: sql,
        streamResult: true,
        rowMode: "array",
        fetchAsString: ["Number"],
        parameters: { MULTI_STATEMENT_COUNT: 1 },
        complete: (error, done) => (error ? reject(error) : resolve(done)),
      });
    });
    settled = started.catch(() => {});
    const ready = await untilAborted(started.catch(fail));
    // -1 for anything but INSERT/UPDATE/DELETE/MERGE (statementTypeId 0x3xxx); SELECT is 0x1000.
    if ((ready.getNumUpdatedRows() ?? -1) >= 0) throw new ConnectorError("Only a single SELECT can run: Snowflake ran this query as a statement that changes data; its change was rolled back.");
    const columns = ready.getColumns() ?? [];
    const names = columns.map((column) => column.getName());
    const rowStream = (stream = ready.streamRows());
    // A result chunk still downloading when the read is aborted: the stream ends with the abort.
    const stopStream = () => rowStream.destroy(cancelledError());
    options.signal?.addEventListener("abort", stopStream, { once: true });
    async function* rows(): AsyncGenerator<unknown[]> {
      for await (const row of rowStream as AsyncIterable<unknown[]>) yield row.map((value, index) => snowflakeValue(value, columns[index]));
    }
    try {
      yield* paginate(rows(), () => names, options);
    } catch (error) {
      if (options.signal?.aborted) throw cancelledError(error);
      fail(error);
    } finally {
      options.signal?.removeEventListener("abort", stopStream);
    }
    if (options.signal?.aborted) throw cancelledError();
  } finally {
    aborted.dispose();
    stream?.destroy();
    // Submitted and still running when aborted: Snowflake must stop it, not only this process.
    if (statement && settled && options.signal?.aborted) await cancelStatement(statement, settled);
    // A session setting or BEGIN still on its way would otherwise arrive after the ROLLBACK.
    await pending?.catch(() => {});
    if (inTransaction) await execute(connection, "ROLLBACK").catch(() => {});
    await destroy(connection);
  }
}
