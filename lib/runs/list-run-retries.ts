import { db } from "../db";
import type { TRetryResult } from "../engine/retries/retry-queue";

/**
 * The run page's Failed rows heal section: what this run did with the rows of earlier runs it sent
 * again (the first `take`, with the count of each result), and how many of its own failed rows
 * still wait to be retried (what Retry failed rows would send).
 */
export async function listRunRetries(runId: string, take = 100) {
  const [rows, results, waiting] = await Promise.all([
    db().runRetry.findMany({ where: { runId }, orderBy: { id: "asc" }, take }),
    db().runRetry.groupBy({ by: ["result"], where: { runId }, _count: { _all: true } }),
    db().rowRetry.count({ where: { firstRunId: runId } }),
  ]);
  const counts = Object.fromEntries(results.map((group) => [group.result, group._count._all])) as Partial<Record<TRetryResult, number>>;
  return {
    retried: rows.map((row) => ({
      id: row.id,
      rowNumber: row.rowNumber,
      result: row.result as TRetryResult,
      reason: row.reason,
      attempts: row.attempts,
      row: JSON.parse(row.rowJson) as Record<string, unknown>,
    })),
    counts,
    total: Object.values(counts).reduce((sum, count) => sum + count, 0),
    waiting,
  };
}
