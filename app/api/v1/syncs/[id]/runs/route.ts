import { pageReply } from "@/lib/api/page";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { listRuns } from "@/lib/runs/list-runs";
import { runSyncNow } from "@/lib/runs/run-sync-now";
import { getSync } from "@/lib/syncs/get-sync";

export const GET = withAuth(
  async ({ params, query }) => pageReply("runs", await listRuns((await getSync(params.id)).id, query), query),
  OPS.getSyncsByIdRuns,
);

// The run goes on after the reply.
export const POST = withAuth(async ({ params }) => {
  const { id, status } = await runSyncNow(params.id);
  return { id, status };
}, OPS.postSyncsByIdRuns);
