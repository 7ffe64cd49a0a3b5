import { LIMITS } from "./limits";

const PLACEHOLDER = /\{\{\s*last_sync_time\s*\}\}/g;

export class QueryError extends Error {}

/**
 * Puts the previous successful run's start (Unix seconds) in place of `{{last_sync_time}}`. The value
 * is our own integer, checked here, so inlining it as a literal is safe in every SQL dialect and
 * lets the docs' examples (`UNIX_SECONDS(x) >= {{last_sync_time}} - 300`) work as written.
 */
export function substituteLastSyncTime(query: string, lastSyncTime: number): string {
  if (!Number.isSafeInteger(lastSyncTime) || lastSyncTime < 0) {
    throw new QueryError(`last_sync_time must be a non-negative whole number of seconds, not ${lastSyncTime}.`);
  }
  checkQueryLength(query);
  return query.replace(PLACEHOLDER, String(lastSyncTime));
}

export function checkQueryLength(query: string) {
  if (query.length > LIMITS.queryChars) {
    throw new QueryError(
      `The query is ${query.length.toLocaleString("en-US")} characters; the limit is ${LIMITS.queryChars.toLocaleString("en-US")}.`,
    );
  }
  if (query.trim() === "") throw new QueryError("The query is empty.");
}

export function usesLastSyncTime(query: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(query);
}
