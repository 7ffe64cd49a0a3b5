import type { Job } from "@google-cloud/bigquery";
import { assertReadOnlySelect } from "../read-only-guard";
import { ConnectorError, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, type ReadOptions, type ResultPage } from "../types";
import { bigQueryClient } from "./client";
import { describeBigQueryError } from "./describe-error";
import type { TBigQueryConfig } from "./spec";
import { bigQueryRow, type BigQueryField } from "./values";

type DryRun = { statistics?: { totalBytesProcessed?: string; query?: { statementType?: string; totalBytesProcessed?: string } } };
type Page = { rows?: { f: { v: unknown }[] }[]; schema?: { fields?: BigQueryField[] }; jobComplete?: boolean; pageToken?: string };

/**
 * Runs the query as a job and reads its result a page at a time (`maxResults`, no auto-paging),
 * so at most one page is in memory. BigQuery has no read-only transaction; besides the statement
 * guard, BigQuery itself is the gate: a dry run first parses the query the way it would run, and
 * only a `statementType` of SELECT runs (a script, DML or DDL is refused, whatever the guard read).
 * Aborting cancels the job.
 */
export async function* readBigQuery(config: TBigQueryConfig, sql: string, options: ReadOptions = {}): AsyncGenerator<ResultPage> {
  assertReadOnlySelect(sql, "bigquery");
  if (options.signal?.aborted) throw new ConnectorError("The query was cancelled.");
  const { client, projectId } = bigQueryClient(config);
  const fail = (error: unknown): never => {
    throw new ConnectorError(describeBigQueryError(error, config, projectId), { cause: error });
  };
  let job: Job | undefined;
  let cancelled = false;
  let finished = false;
  const cancel = () => {
    cancelled = true;
    void job?.cancel().catch(() => {});
  };
  options.signal?.addEventListener("abort", cancel, { once: true });
  try {
    const [, dryRun] = (await client
      .createQueryJob({ query: sql, useLegacySql: false, dryRun: true, ...(config.location && { location: config.location }) })
      .catch(fail)) as unknown as [unknown, DryRun];
    const statementType = dryRun?.statistics?.query?.statementType;
    if (statementType !== "SELECT") {
      throw new ConnectorError(`Only a single SELECT can run: BigQuery reads this query as ${statementType ? `a ${statementType} statement` : "something other than a SELECT"}.`);
    }
    const bytes = Number(dryRun.statistics?.totalBytesProcessed ?? dryRun.statistics?.query?.totalBytesProcessed);
    if (Number.isFinite(bytes)) options.onBytesProcessed?.(bytes);
    if (options.signal?.aborted) throw new ConnectorError("The query was cancelled.");
    [job] = await client
      .createQueryJob({
        query: sql,
        useLegacySql: false,
        jobTimeoutMs: Math.max(1000, Math.floor(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)),
        labels: { source: "tidewater" },
        ...(config.location && { location: config.location }),
      })
      .catch(fail);
    if (options.signal?.aborted) cancel();
    const pageSize = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
    let remaining = options.maxRows ?? Number.POSITIVE_INFINITY;
    let pageToken: string | undefined;
    let yielded = false;
    while (remaining > 0) {
      // While the job runs, BigQuery holds each call for up to 10 s, then answers jobComplete: false.
      const [, , response] = (await job
        .getQueryResults({ maxResults: Math.min(pageSize, remaining), pageToken, autoPaginate: false, skipParsing: true } as never)
        .catch((error: unknown) => (cancelled ? [null, null, { cancelled: true }] : fail(error)))) as unknown as [unknown, unknown, Page & { cancelled?: boolean }];
      if (cancelled || response.cancelled) throw new ConnectorError("The query was cancelled.");
      if (response.jobComplete === false) continue;
      const fields = response.schema?.fields ?? [];
      const rows = (response.rows ?? []).map((row) => bigQueryRow(fields, row));
      remaining -= rows.length;
      if (rows.length > 0 || !yielded) yield { columns: fields.map((field) => field.name), rows };
      yielded = true;
      pageToken = response.pageToken;
      if (!pageToken) break;
    }
    finished = !pageToken || remaining <= 0;
  } catch (error) {
    finished = true; // a failed job needs no cancelling
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", cancel);
    // A preview stops early; the job has usually finished by then, and cancelling is harmless if so.
    if (!finished && job && !cancelled) void job.cancel().catch(() => {});
  }
}
