import { withAuth } from "@/lib/api/with-auth";
import { cancelRun } from "@/lib/runs/cancel-run";

// POST /api/v1/runs/{id}/cancel — cancel a queued or running run (a running one stops within seconds)
export const POST = withAuth(({ actor, params }) => cancelRun(params.id, actor), { status: 202 });
