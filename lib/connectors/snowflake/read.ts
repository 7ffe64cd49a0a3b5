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
 * read-only transaction: the statement guard is the gate, and the server runs one statement per
 * request (MULTI_STATEMENT_COUNT = 1).
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
  const cancel = () => {
    cancelled = true;
    statement?.cancel(() => {});
  };
  options.signal?.addEventListener("abort", cancel, { once: true });
  try {
    const timeoutSeconds = Math.max(1, Math.ceil((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000));
    await execute(connection, `ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${timeoutSeconds}`).catch(fail);
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
    await destroy(connection);
  }
}
