import { withAuth } from "@/lib/api/with-auth";
import { getRun } from "@/lib/runs/list-runs";

// GET /api/v1/runs/{id} — a run's status and counts
export const GET = withAuth(({ params }) => getRun(params.id));
