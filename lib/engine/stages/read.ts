// The engine's first stage: the sync's query result as pages, {{last_sync_time}} filled in.
import type { KnownRows } from "../../connectors/known-rows";
import type { Connector, ResultPage } from "../../connectors/types";
import { LIMITS } from "../limits";
import { substituteLastSyncTime } from "../substitute-last-sync-time";

export class RunLimitError extends Error {}

export type ReadInput = {
  connector: Connector<Record<string, unknown>>;
  sourceConfig: Record<string, unknown>;
  query: string;
  lastSyncTime: number;
  /** Cancels the query on the database side. */
  signal?: AbortSignal;
  /** Stop reading (shutdown): what was read is still delivered. */
  drain?: AbortSignal;
  /** Change tracking's lookup of rows by their bytes (wire-rows.ts): rows may then arrive as WireRows. */
  knownRows?: KnownRows;
};

/**
 * Pages as the connector reads them, until a drain. The page that goes past LIMITS.recordsPerSync is
 * cut at the limit and the read then throws RunLimitError: the rows within the limit are processed.
 */
export async function* readPages(input: ReadInput): AsyncGenerator<ResultPage> {
  const sql = substituteLastSyncTime(input.query, input.lastSyncTime);
  let rows = 0;
  for await (const page of input.connector.read(input.sourceConfig, sql, { signal: input.signal, rawJson: true, knownRows: input.knownRows })) {
    if (input.drain?.aborted) return;
    rows += page.rows.length;
    if (rows <= LIMITS.recordsPerSync) {
      yield page;
      continue;
    }
    page.rows.length -= rows - LIMITS.recordsPerSync;
    yield page;
    throw new RunLimitError(`The query returned more than ${LIMITS.recordsPerSync.toLocaleString("en-US")} records, the most one sync processes. Narrow it with {{last_sync_time}} or a WHERE clause.`);
  }
}
