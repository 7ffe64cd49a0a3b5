import { withAuth } from "@/lib/api/with-auth";
import { listRunCalls } from "@/lib/runs/list-run-calls";
import { getRun } from "@/lib/runs/list-runs";
import { ZListRunCallsQuerySchema } from "@/lib/runs/schemas";

// GET /api/v1/runs/{id}/calls — the calls the run delivered, newest first, a page at a time (?cursor=)
export const GET = withAuth(
  async ({ params, query }) => listRunCalls({ runId: (await getRun(params.id)).id, cursor: query.cursor, take: query.limit }),
  { query: ZListRunCallsQuerySchema },
);
