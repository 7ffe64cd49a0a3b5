import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { listRunCalls } from "@/lib/runs/list-run-calls";
import { getRun } from "@/lib/runs/list-runs";

export const GET = withAuth(
  async ({ params, query }) => listRunCalls({ runId: (await getRun(params.id)).id, cursor: query.cursor, take: query.limit }),
  OPS.getRunsByIdCalls,
);
