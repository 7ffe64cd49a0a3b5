import type mysql from "mysql2";
import { paginate } from "../pages";
import { assertReadOnlySelect } from "../read-only-guard";
import { ConnectorError, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, type ReadOptions, type ResultPage } from "../types";
import { close, connectMysql, run } from "./connect";
import { describeMysqlError } from "./describe-error";
import type { TMysqlConfig } from "./spec";

/**
 * Streams a query inside START TRANSACTION READ ONLY with a statement time limit. mysql2's row
 * stream pauses the socket when the consumer falls behind, so memory stays at about one page.
 */
export async function* readMysql(config: TMysqlConfig, sql: string, options: ReadOptions = {}): AsyncGenerator<ResultPage> {
  assertReadOnlySelect(sql, "mariadb");
  if (options.signal?.aborted) throw new ConnectorError("The query was cancelled.");
  const fail = (error: unknown): never => {
    if (error instanceof ConnectorError) throw error;
    throw new ConnectorError(describeMysqlError(error, config), { cause: error });
  };
  const connection = await connectMysql(config).catch(fail);
  connection.on("error", () => {}); // surfaces through the pending query instead
  let finished = false;
  let cancelled = false;
  const cancel = () => {
    cancelled = true;
    void killQuery(config, connection.threadId);
  };
  options.signal?.addEventListener("abort", cancel, { once: true });
  try {
    const version = String(((await run(connection, "SELECT VERSION() AS v").catch(fail)) as { v: string }[])[0]?.v);
    const timeoutMs = Math.max(1, Math.floor(options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    // MariaDB limits every statement in seconds; MySQL limits SELECTs in milliseconds.
    await run(connection, /mariadb/i.test(version) ? `SET SESSION max_statement_time = ${timeoutMs / 1000}` : `SET SESSION max_execution_time = ${timeoutMs}`).catch(fail);
    await run(connection, "SET SESSION time_zone = '+00:00'").catch(fail);
    await run(connection, "START TRANSACTION READ ONLY").catch(fail);

    let columns: string[] = [];
    const query = connection.query({ sql, rowsAsArray: true });
    // A statement without a result set (DDL, DML) announces no fields and streams its OK packet.
    query.on("fields", (fields: { name: string }[] | undefined) => (columns = (fields ?? []).map((field) => field.name)));
    const stream = query.stream({ highWaterMark: options.pageSize ?? DEFAULT_PAGE_SIZE });
    try {
      yield* paginate(onlyRows(stream as AsyncIterable<unknown>), () => columns, options);
      finished = stream.readableEnded;
    } catch (error) {
      if (cancelled) throw new ConnectorError("The query was cancelled.", { cause: error });
      fail(error);
    }
    if (cancelled) throw new ConnectorError("The query was cancelled.");
  } finally {
    options.signal?.removeEventListener("abort", cancel);
    if (finished) {
      await run(connection, "ROLLBACK").catch(() => {});
      await close(connection);
    } else {
      // Stopped early (preview, cancel, error): the rest of the result is not worth draining.
      void killQuery(config, connection.threadId);
      connection.destroy();
    }
  }
}

/**
 * Rows of a result set, or a refusal: MySQL and MariaDB run DDL even inside a READ ONLY
 * transaction (it commits implicitly), so a statement that got past the guard may already have
 * run; it is reported, never passed off as an empty result.
 */
async function* onlyRows(stream: AsyncIterable<unknown>): AsyncGenerator<unknown[]> {
  for await (const row of stream) {
    if (!Array.isArray(row)) {
      throw new ConnectorError("Only a single SELECT can run: the database ran a statement that returns no rows. Use a user with read permissions only: MySQL runs DDL even inside a read-only transaction.");
    }
    yield row;
  }
}

/** Stops the statement on the server from a second connection (closing ours would not). */
async function killQuery(config: TMysqlConfig, threadId: number | null) {
  if (threadId === null) return;
  try {
    const killer = await connectMysql(config);
    killer.on("error", () => {});
    await run(killer, `KILL QUERY ${Number(threadId)}`).catch(() => {});
    await close(killer);
  } catch {
    // The run is failing anyway; the statement time limit is the backstop.
  }
}
