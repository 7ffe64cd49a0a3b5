import { withAuth } from "@/lib/api/with-auth";
import { listRuns } from "@/lib/runs/list-runs";
import { runSyncNow } from "@/lib/runs/run-sync-now";
import { getSync } from "@/lib/syncs/get-sync";

// GET /api/v1/syncs/{id}/runs — the sync's runs, newest first
export const GET = withAuth(async ({ params }) => listRuns((await getSync(params.id)).id));

// POST /api/v1/syncs/{id}/runs — run the sync now (the run goes on after the reply)
export const POST = withAuth(
  async ({ params }) => {
    const { id, status } = await runSyncNow(params.id);
    return { id, status };
  },
  { status: 202 },
);
