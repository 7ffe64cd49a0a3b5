import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { retryFailedRows } from "@/lib/runs/retry-failed-rows";

// POST /api/v1/runs/{id}/retry — Retry failed rows: a run of only this run's rows still waiting; it goes on after the reply.
export const POST = withAuth(async ({ params }) => {
  const { id, status } = await retryFailedRows(params.id);
  return { id, status };
}, OPS.postRunsByIdRetry);
