import type sql from "mssql";
import { paginate } from "../pages";
import { assertReadOnlySelect } from "../read-only-guard";
import { ConnectorError, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, type ReadOptions, type ResultPage } from "../types";
import { connectMssql } from "./connect";
import { describeMssqlError } from "./describe-error";
import type { TMssqlConfig } from "./spec";
import { mssqlValue } from "./values";

type Column = { name: string; type?: unknown; scale?: number };

/**
 * Streams a query with mssql's streaming request, pausing it whenever a page is full (tedious has
 * no backpressure of its own). SQL Server has no read-only transaction, so besides the statement
 * guard the query runs inside a transaction that is always rolled back.
 *
 * SQL Server cannot be made to refuse a second statement: every way to send T-SQL (a batch, an
 * RPC to sp_executesql or sp_prepare) takes a batch, and sp_describe_first_result_set or SET
 * PARSEONLY accept several statements. Only wrapping the query as a derived table would, and that
 * refuses CTEs and ORDER BY; SET SHOWPLAN_XML would list every statement's type but needs the
 * SHOWPLAN permission a read-only user lacks. So the statement guard is the gate for a single
 * statement (it refuses EXEC, OPENQUERY and the like), and the server's part is: no implicit
 * transactions, XACT_ABORT (any error ends the transaction), and after the query @@TRANCOUNT must
 * still be the one transaction we opened; a query that committed, rolled back or opened one is
 * reported as refused.
 */
export async function* readMssql(config: TMssqlConfig, query: string, options: ReadOptions = {}): AsyncGenerator<ResultPage> {
  assertReadOnlySelect(query, "transactsql");
  if (options.signal?.aborted) throw new ConnectorError("The query was cancelled.");
  const fail = (error: unknown): never => {
    throw new ConnectorError(describeMssqlError(error, config), { cause: error });
  };
  const pool = await connectMssql(config, options.timeoutMs ?? DEFAULT_TIMEOUT_MS).catch(fail);
  let request: sql.Request | undefined;
  let finished = false;
  let cancelled = false;
  const cancel = () => {
    cancelled = true;
    request?.cancel();
  };
  options.signal?.addEventListener("abort", cancel, { once: true });
  try {
    await pool.request().batch("SET IMPLICIT_TRANSACTIONS OFF; SET XACT_ABORT ON; BEGIN TRANSACTION").catch(fail);
    request = pool.request();
    const rows = streamRows(request, query, options.pageSize ?? DEFAULT_PAGE_SIZE);
    if (options.signal?.aborted) cancel();
    try {
      yield* paginate(rows.values(), () => rows.columns().map((column) => column.name), options);
      finished = rows.done();
    } catch (error) {
      if (cancelled) throw new ConnectorError("The query was cancelled.", { cause: error });
      fail(error);
    }
    if (cancelled) throw new ConnectorError("The query was cancelled.");
    if (finished) await assertOwnTransaction(pool, fail);
  } finally {
    options.signal?.removeEventListener("abort", cancel);
    if (!finished) request?.cancel(); // a preview stops early: the server stops sending the rest
    await pool.request().batch("IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION").catch(() => {});
    await pool.close().catch(() => {});
  }
}

/** The query must leave the transaction it ran in as it found it: exactly one, ours. */
async function assertOwnTransaction(pool: sql.ConnectionPool, fail: (error: unknown) => never) {
  const result = await pool.request().batch<{ trancount: number }>("SELECT @@TRANCOUNT AS trancount").catch(fail);
  const trancount = result.recordset?.[0]?.trancount;
  if (trancount !== 1) {
    throw new ConnectorError(
      `Only a single SELECT can run: the query ${trancount === 0 ? "ended Tidewater's transaction (COMMIT or ROLLBACK)" : "opened a transaction of its own"}. Use a user with read permissions only.`,
    );
  }
}

/** mssql's row events as an async iterable; the request is paused while a page's worth waits. */
function streamRows(request: sql.Request, query: string, pageSize: number) {
  let columns: Column[] = [];
  let queue: unknown[][] = [];
  let failure: unknown;
  let done = false;
  let paused = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  request.stream = true;
  request.arrayRowMode = true;
  request.on("recordset", (recordset: Column[]) => (columns = recordset));
  request.on("row", (row: unknown[]) => {
    queue.push(row.map((value, index) => mssqlValue(value, columns[index])));
    if (queue.length >= pageSize && !paused) {
      paused = true;
      request.pause();
    }
    notify();
  });
  request.on("error", (error: unknown) => {
    failure ??= error;
    notify();
  });
  request.on("done", () => {
    done = true;
    notify();
  });
  void request.batch(query);

  return {
    columns: () => columns,
    done: () => done && queue.length === 0,
    async *values(): AsyncGenerator<unknown[]> {
      for (;;) {
        if (queue.length > 0) {
          const batch = queue;
          queue = [];
          if (paused) {
            paused = false;
            request.resume();
          }
          yield* batch;
          continue;
        }
        if (failure) throw failure;
        if (done) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
