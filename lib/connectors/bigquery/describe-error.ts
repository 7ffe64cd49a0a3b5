import type { TBigQueryConfig } from "./spec";

/** BigQuery's failure in words a person can act on; BigQuery's own text stays at the end. */
export function describeBigQueryError(error: unknown, config: TBigQueryConfig, projectId: string): string {
  const err = error as { code?: number | string; message?: string; errors?: { reason?: string; message?: string }[] };
  const detail = err.errors?.[0]?.message ?? err.message ?? String(error);
  const reason = err.errors?.[0]?.reason;
  if (err.code === 401 || reason === "authError" || /invalid_grant|invalid authentication credentials|invalid JWT/i.test(detail)) {
    return `Google did not accept the service account key: it may have been deleted or disabled; create a new key and paste it (${detail}).`;
  }
  if (reason === "stopped" || /cancel/i.test(detail)) return "The query was cancelled.";
  if (err.code === 403 || reason === "accessDenied") {
    return `Permission denied: give the service account the BigQuery User and BigQuery Job User roles on project "${projectId}" (${detail}).`;
  }
  if (err.code === 404 || reason === "notFound") return /Project/i.test(detail) ? `Project "${projectId}" was not found, or the service account may not see it (${detail}).` : detail;
  if (reason === "jobTimeout" || /timed? ?out/i.test(detail) && /job|query/i.test(detail)) return `The query ran longer than its time limit and was stopped (${detail}).`;
  const network = String(err.code ?? "");
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET/.test(network) || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT/.test(detail)) {
    return `Could not reach BigQuery${config.apiEndpoint ? ` at ${config.apiEndpoint}` : ""} (${detail}). Check the network and any proxy or allowlist.`;
  }
  return detail;
}
