import pg from "pg";
import Cursor from "pg-cursor";
import { assertReadOnlySelect, type SqlDialect } from "../read-only-guard";
import { ConnectorError, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, type ReadOptions, type ResultPage } from "../types";
import { clientConfig } from "./connect";
import { decodingClient } from "./decoding-client";
import { describePostgresError } from "./describe-error";
import type { TPostgresConfig } from "./spec";

type Field = { name: string };

/**
 * Rows per cursor read: half the default, as the next page is read while this one is mapped and
 * both live through young-generation collections (2,000-row pages grew a 1M-row run's RSS by ~80 MiB,
 * 1,000-row pages by ~40); the round trip is hidden by reading ahead.
 */
const PAGE_ROWS = DEFAULT_PAGE_SIZE / 2;

/**
 * Streams a query through a server-side cursor inside a read-only transaction: the statement guard
 * refuses anything but one SELECT, the database refuses any write, and the extended protocol
 * refuses a second statement (`SELECT 1; DROP TABLE x`).
 */
export function postgresReader(dialect: SqlDialect) {
  return (config: TPostgresConfig, sql: string, options: ReadOptions = {}) => readPostgresDialect(dialect, config, sql, options);
}

export const readPostgres = postgresReader("postgresql");

async function* readPostgresDialect(
  dialect: SqlDialect,
  config: TPostgresConfig,
  sql: string,
  options: ReadOptions,
): AsyncGenerator<ResultPage> {
  assertReadOnlySelect(sql, dialect);
  if (options.signal?.aborted) throw new ConnectorError("The query was cancelled.");
  const client = decodingClient(clientConfig(config, options.rawJson));
  client.on("error", () => {}); // a dropped connection surfaces through the pending read instead
  const fail = (error: unknown): never => {
    throw new ConnectorError(describePostgresError(error, config), { cause: error });
  };
  await client.connect().catch(fail);
  const cancel = () => void cancelBackend(config, (client as unknown as { processID: number }).processID);
  options.signal?.addEventListener("abort", cancel, { once: true });
  let cursor: Cursor | undefined;
  // The next page is asked for before this one is handed over, so the database produces it while
  // the engine maps this one.
  let next: Promise<Page> | undefined;
  const ask = (count: number) => {
    next = readPage(cursor!, count);
    next.catch(() => {}); // awaited below or in `finally`: not an unhandled rejection meanwhile
  };
  try {
    // One round trip (a warehouse may be far away). Timestamps print in UTC, the zone every kind
    // reports in (and the fast path of timestampTextToIso).
    await client
      .query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.floor(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)}; SET LOCAL TIME ZONE 'UTC'`)
      .catch(fail);
    // Only the cursor's result: the statements above returned no rows.
    client.knownRows = options.knownRows;
    cursor = client.query(new Cursor(sql, [], { rowMode: "array" }));
    const pageSize = options.pageSize ?? PAGE_ROWS;
    let remaining = options.maxRows ?? Infinity;
    let columns: string[] | undefined;
    ask(Math.min(pageSize, remaining));
    while (next) {
      const { rows, fields } = await next.catch(fail);
      next = undefined;
      if (client.decodeError !== undefined) fail(client.decodeError);
      if (options.signal?.aborted) throw new ConnectorError("The query was cancelled.");
      // After the last row pg-cursor reports no result; an empty first page still names the columns.
      if (rows.length === 0 && columns) break;
      columns ??= (fields ?? []).map((field) => field.name);
      remaining -= rows.length;
      if (rows.length > 0 && remaining > 0) ask(Math.min(pageSize, remaining));
      yield { columns, rows };
    }
  } finally {
    options.signal?.removeEventListener("abort", cancel);
    // A page still coming when the engine stopped early: the cursor closes once it is in.
    await next?.catch(() => {});
    // After an error pg-cursor has already ended the statement; closing would wait forever.
    if (cursor && (cursor as unknown as { state: string }).state !== "error") await cursor.close().catch(() => {});
    await client.query("ROLLBACK").catch(() => {});
    await client.end().catch(() => {});
  }
}

type Page = { rows: unknown[][]; fields?: Field[] };

function readPage(cursor: Cursor, count: number): Promise<Page> {
  return new Promise((resolve, reject) => {
    cursor.read(count, (error, rows, result) => {
      if (error) reject(error);
      else resolve({ rows: rows as unknown[][], fields: (result as unknown as { fields?: Field[] } | undefined)?.fields });
    });
  });
}

/** Stops the statement on the server from a second connection (closing ours would not). */
async function cancelBackend(config: TPostgresConfig, pid: number) {
  const killer = new pg.Client(clientConfig(config));
  killer.on("error", () => {});
  try {
    await killer.connect();
    await killer.query("SELECT pg_cancel_backend($1)", [pid]);
  } catch {
    // The run is failing anyway; the statement timeout is the backstop.
  } finally {
    await killer.end().catch(() => {});
  }
}
