import type { Connection, RowStatement } from "snowflake-sdk";
import { paginate } from "../pages";
import { assertReadOnlySelect } from "../read-only-guard";
import { ConnectorError, DEFAULT_TIMEOUT_MS, type ReadOptions, type ResultPage } from "../types";
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
  if (options.signal?.aborted) throw new ConnectorError("The query was cancelled.");
  const fail = (error: unknown): never => {
    throw new ConnectorError(describeSnowflakeError(error, config), { cause: error });
  };
  const connection = await connectSnowflake(config).catch(fail);
  let statement: RowStatement | undefined;
  let cancelled = false;
  let inTransaction = false;
  const cancel = () => {
    cancelled = true;
    statement?.cancel(() => {});
  };
  options.signal?.addEventListener("abort", cancel, { once: true });
  try {
    const timeoutSeconds = Math.max(1, Math.ceil((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000));
    await execute(connection, `ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${timeoutSeconds} MULTI_STATEMENT_COUNT = 1`).catch(fail);
    await execute(connection, "BEGIN TRANSACTION").catch(fail);
    inTransaction = true;
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
    if (options.signal?.aborted) cancel();
    const ready = await started.catch((error: unknown) => {
      if (cancelled) throw new ConnectorError("The query was cancelled.", { cause: error });
      return fail(error);
    });
    // -1 for anything but INSERT/UPDATE/DELETE/MERGE (statementTypeId 0x3xxx); SELECT is 0x1000.
    if ((ready.getNumUpdatedRows() ?? -1) >= 0) throw new ConnectorError("Only a single SELECT can run: Snowflake ran this query as a statement that changes data; its change was rolled back.");
    const columns = ready.getColumns() ?? [];
    const names = columns.map((column) => column.getName());
    const stream = ready.streamRows();
    async function* rows(): AsyncGenerator<unknown[]> {
      for await (const row of stream as AsyncIterable<unknown[]>) yield row.map((value, index) => snowflakeValue(value, columns[index]));
    }
    try {
      yield* paginate(rows(), () => names, options);
    } catch (error) {
      if (cancelled) throw new ConnectorError("The query was cancelled.", { cause: error });
      fail(error);
    } finally {
      stream.destroy();
    }
    if (cancelled) throw new ConnectorError("The query was cancelled.");
  } finally {
    options.signal?.removeEventListener("abort", cancel);
    if (inTransaction) await execute(connection, "ROLLBACK").catch(() => {});
    await destroy(connection);
  }
}
